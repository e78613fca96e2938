// A request that runs out of its function's time on a busy machine: 503 with Retry-After, never a 500.
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { apiHandler, json } from '../../../functions/http/api-handler.ts';
import { busyRetryAfterSeconds } from '../../../functions/http/errors.ts';
import { caller } from '../../fixtures/objects.ts';
import { fixedClock, memoryRateCounter } from '../../support/in-memory-ports.ts';

const operator = caller('admin', 'registry-operators', 'operator-1');

/** A Lambda context with `remainingMs` left, as a function gets when its invocation waited behind others. */
const contextWith = (remainingMs: number): Context => {
  const deadline = Date.now() + remainingMs;
  return { awsRequestId: 'request-1', functionName: 'imageUploads', getRemainingTimeInMillis: () => deadline - Date.now() } as unknown as Context;
};

const grantEvent = {
  routeKey: 'POST /v1/objects/{id}/images',
  headers: { authorization: 'Bearer token', 'content-type': 'application/json' },
  pathParameters: { id: '0f8fad5b-d9cb-469f-a165-70867728950e' },
  body: JSON.stringify({ contentType: 'image/jpeg', filename: 'icon.jpg' }),
  isBase64Encoded: false,
} as unknown as APIGatewayProxyEventV2;

describe('a request that runs out of time', () => {
  it('answers 503 with Retry-After, not 500, when the work queued behind others outlasts the function', async () => {
    // Arrange: the grant's work takes longer than the time the invocation has left
    const handler = apiHandler<'imageUploads'>(
      {
        'POST /v1/objects/{id}/images': async () => {
          await new Promise((resolve) => setTimeout(resolve, 3000));
          return json(201, {});
        },
        'POST /v1/uploads': async () => json(201, {}),
      },
      { verifyCaller: async () => operator, audit: { append: async () => undefined }, orgs: { get: async () => undefined }, counter: memoryRateCounter(), clock: fixedClock('2026-12-07T17:00:00.000Z') },
    );

    // Act
    const response = await handler(grantEvent, contextWith(1200));

    // Assert
    expect(response.statusCode).toBe(503);
    expect(response.headers?.['retry-after']).toBe(String(busyRetryAfterSeconds));
    expect(JSON.parse(String(response.body))).toMatchObject({ error: { code: 'busy' } });
  });

  it('answers as usual when the work fits in the time left', async () => {
    // Arrange
    const handler = apiHandler<'imageUploads'>(
      { 'POST /v1/objects/{id}/images': async () => json(201, { imageId: 'x' }), 'POST /v1/uploads': async () => json(201, {}) },
      { verifyCaller: async () => operator, audit: { append: async () => undefined }, orgs: { get: async () => undefined }, counter: memoryRateCounter(), clock: fixedClock('2026-12-07T17:00:00.000Z') },
    );

    // Act
    const response = await handler(grantEvent, contextWith(10_000));

    // Assert
    expect(response.statusCode).toBe(201);
  });
});
