// The guarded fetcher against a server on 127.0.0.1: redirects checked hop by hop, size limits, conditional requests.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardedFetcher } from '../../../functions/adapters/outbound-http.ts';
import { FetchFailed } from '../../../functions/feeds/model.ts';

let base = '';
const server = createServer((request, response) => {
  const path = request.url ?? '/';
  if (path === '/to-private') return response.writeHead(302, { location: 'http://10.0.0.7/feed.xml' }).end();
  if (path === '/to-metadata') return response.writeHead(301, { location: 'http://[::ffff:169.254.169.254]/latest/' }).end();
  if (path === '/to-feed') return response.writeHead(307, { location: '/feed' }).end();
  if (path === '/loop') return response.writeHead(302, { location: '/loop' }).end();
  if (path === '/big') return response.writeHead(200).end(Buffer.alloc(2048));
  if (request.headers['if-none-match'] === '"1"') return response.writeHead(304).end();
  return response.writeHead(200, { etag: '"1"', 'last-modified': 'Sat, 05 Dec 2026 10:00:00 GMT' }).end('<rss/>');
});
beforeAll(async () => {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((closed) => server.close(() => closed())));

const local = guardedFetcher({ allowLoopback: true });
const failureOf = async (attempt: Promise<unknown>) => attempt.then(() => undefined, (error: unknown) => error as FetchFailed);

describe('the guarded fetcher', () => {
  it('follows a redirect to a public-looking path, with the validators of the answer, and sends them back', async () => {
    // Act
    const first = await local.get(`${base}/to-feed`, { maxBytes: 1024 });
    const again = await local.get(`${base}/feed`, { maxBytes: 1024, conditional: { etag: first.etag ?? '' } });

    // Assert
    expect(first).toMatchObject({ status: 200, url: `${base}/feed`, etag: '"1"', lastModified: 'Sat, 05 Dec 2026 10:00:00 GMT' });
    expect(new TextDecoder().decode(first.body)).toBe('<rss/>');
    expect(again.status).toBe(304);
  });

  it('refuses a redirect to a private or metadata address, and too many redirects', async () => {
    // Act
    const toPrivate = await failureOf(local.get(`${base}/to-private`, { maxBytes: 1024 }));
    const toMetadata = await failureOf(local.get(`${base}/to-metadata`, { maxBytes: 1024 }));
    const looping = await failureOf(local.get(`${base}/loop`, { maxBytes: 1024 }));

    // Assert
    expect(toPrivate).toMatchObject({ reason: 'refused-address', message: 'http://10.0.0.7/feed.xml names a private, loopback, link-local or metadata address' });
    expect(toMetadata?.reason).toBe('refused-address');
    expect(looping?.reason).toBe('too-many-redirects');
  });

  it('refuses loopback where it is not allowed, by name and after resolving it, and a body over the limit', async () => {
    // Arrange
    const inAws = guardedFetcher({ allowLoopback: false });

    // Act
    const direct = await failureOf(inAws.get(`${base}/feed`, { maxBytes: 1024 }));
    const byName = await inAws.refusal('http://localhost/feed');
    const tooLarge = await failureOf(local.get(`${base}/big`, { maxBytes: 1024 }));

    // Assert
    expect(direct?.reason).toBe('refused-address');
    expect(byName).toBe('names a private, loopback, link-local or metadata address');
    expect(await local.refusal(`${base}/feed`)).toBeUndefined();
    expect(tooLarge?.reason).toBe('too-large');
  });
});
