// The local gateway under hostile input: polluting query names reach the function, and parser refusals get the error body.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ErrorBody } from '../../../schemas/errors.ts';
import type { DevIssuer } from '../../../scripts/local/dev-issuer.ts';
import { createHttpApi } from '../../../scripts/local/http-api.ts';

const events: APIGatewayProxyEventV2[] = [];
const server = createHttpApi(
  async (_name, event) => {
    events.push(event as APIGatewayProxyEventV2);
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{}' };
  },
  {} as DevIssuer,
  () => undefined,
);
let baseUrl = '';

beforeAll(async () => {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('the local gateway', () => {
  it('hands query parameters named __proto__, constructor and toString to the function as plain own fields', async () => {
    // Arrange
    events.length = 0;

    // Act
    await fetch(`${baseUrl}/v1/alerts?__proto__=x&constructor=y&toString=z&limit=1&limit=2`);

    // Assert
    const query = events[0]?.queryStringParameters ?? {};
    expect(Object.keys(query).sort()).toEqual(['__proto__', 'constructor', 'limit', 'toString']);
    expect(Object.getOwnPropertyDescriptor(query, '__proto__')?.value).toBe('x');
    expect(query.constructor).toBe('y');
    expect(query.toString).toBe('z');
    expect(query.limit).toBe('1,2');
  });

  it('answers headers over the parser limit with 431 and the documented error body', async () => {
    // Act
    const response = await fetch(`${baseUrl}/v1/objects`, { headers: { 'x-padding': 'a'.repeat(20_000) } });

    // Assert
    expect(response.status).toBe(431);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(ErrorBody.parse(await response.json()).error.code).toBe('request-header-fields-too-large');
  });
});
