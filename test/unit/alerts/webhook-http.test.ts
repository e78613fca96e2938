// Webhook posts through the address guard, against a receiver on 127.0.0.1: loopback only where the policy allows it,
// checked on the address the connection is made to, and no redirect followed.
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpWebhooks } from '../../../functions/adapters/webhook-http.ts';

const received: { path: string; headers: IncomingHttpHeaders; body: string }[] = [];
let port = 0;
const receiver = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    received.push({ path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
    if (request.url === '/moved') return response.writeHead(302, { location: `http://127.0.0.1:${port}/hook` }).end();
    response.writeHead(204).end();
  });
});
beforeAll(async () => {
  receiver.listen(0, '127.0.0.1');
  await once(receiver, 'listening');
  port = (receiver.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((closed) => receiver.close(() => closed())));

const refusalOf = (attempt: Promise<unknown>) => attempt.then(() => undefined, (error: Error) => error.message);

describe('webhook posts', () => {
  it('deliver the body with its headers and length where loopback is allowed (the local runtime)', async () => {
    // Act
    await httpWebhooks({ allowLoopback: true }).post(`http://127.0.0.1:${port}/hook`, '{"alertId":"a-1"}', { 'content-type': 'application/json', 'x-registry-signature': 't=1,v1=ab' });

    // Assert
    expect(received.at(-1)).toMatchObject({ path: '/hook', body: '{"alertId":"a-1"}', headers: { 'content-length': '17', 'x-registry-signature': 't=1,v1=ab' } });
  });

  it('refuse loopback in the deployed policy, by address and by a name that resolves to it, before anything is sent', async () => {
    // Arrange
    const deployed = httpWebhooks({ allowLoopback: false });
    const before = received.length;

    // Act
    const byAddress = await refusalOf(deployed.post(`http://127.0.0.1:${port}/hook`, '{}', {}));
    const byName = await refusalOf(deployed.post(`http://localhost:${port}/hook`, '{}', {}));

    // Assert
    expect(byAddress).toMatch(/private, loopback, link-local or metadata address/);
    expect(byName).toMatch(/private, loopback, link-local or metadata address/);
    expect(received.length).toBe(before);
  });

  it('count a redirect as not delivered, and do not follow it', async () => {
    // Arrange
    const before = received.length;

    // Act
    const refusal = await refusalOf(httpWebhooks({ allowLoopback: true }).post(`http://127.0.0.1:${port}/moved`, '{}', {}));

    // Assert
    expect(refusal).toBe('webhook answered 302');
    expect(received.slice(before).map((request) => request.path)).toEqual(['/moved']);
  });
});
