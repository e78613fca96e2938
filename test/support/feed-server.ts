// An auction house's feed server on 127.0.0.1 for tests and benchmarks: RSS of its current lots with an ETag (and 304
// to a matching If-None-Match), the lots' images, and any other answer a test sets for a path.
import { once } from 'node:events';
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ServedLot {
  /** Path of the lot's page on this server, e.g. "/lots/12". */
  path: string;
  title: string;
  description?: string;
  /** Paths of its images on this server. */
  images?: string[];
  saleDate?: string;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function rssOf(base: string, title: string, lots: ServedLot[]): string {
  const items = lots.map(
    (lot) => `    <item>
      <title>${escape(lot.title)}</title>
      <link>${base}${lot.path}</link>
      ${lot.description ? `<description>${escape(`<p>${lot.description}</p>`)}</description>` : ''}
      ${lot.saleDate ? `<pubDate>${new Date(`${lot.saleDate}T10:00:00Z`).toUTCString()}</pubDate>` : ''}
      ${(lot.images ?? []).map((image) => `<media:content url="${base}${image}" medium="image" type="image/jpeg"/>`).join('\n      ')}
    </item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/">
  <channel>
    <title>${escape(title)}</title>
    <link>${base}/</link>
    <description>Forthcoming sale</description>
${items.join('\n')}
  </channel>
</rss>`;
}

export type Answer = { status: number; type?: string; body?: string | Uint8Array };

export async function feedServer() {
  const feeds = new Map<string, () => Answer>();
  const files = new Map<string, Uint8Array>();
  const requests: { path: string; ifNoneMatch?: string; status: number }[] = [];

  function answer(request: IncomingMessage, response: ServerResponse) {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const file = files.get(path);
    const feed = feeds.get(path);
    let result: Answer = file ? { status: 200, type: 'image/jpeg', body: file } : feed ? feed() : { status: 404, body: 'not found' };
    const etag = result.status === 200 && feed && result.body !== undefined ? `"${createHash('sha256').update(result.body).digest('hex').slice(0, 16)}"` : undefined;
    const ifNoneMatch = request.headers['if-none-match'];
    if (etag && ifNoneMatch === etag) result = { status: 304 };
    requests.push({ path, ...(ifNoneMatch ? { ifNoneMatch } : {}), status: result.status });
    response.writeHead(result.status, { ...(result.type ? { 'content-type': result.type } : {}), ...(etag ? { etag } : {}) });
    response.end(result.body);
  }

  const server = createServer(answer);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    base,
    requests,
    /** Serves RSS of whatever `lots()` returns at the time of each request. */
    rss(path: string, title: string, lots: () => ServedLot[]) {
      feeds.set(path, () => ({ status: 200, type: 'application/rss+xml', body: rssOf(base, title, lots()) }));
      return `${base}${path}`;
    },
    answer(path: string, result: Answer) {
      feeds.set(path, () => result);
      return `${base}${path}`;
    },
    image(path: string, bytes: Uint8Array) {
      files.set(path, bytes);
    },
    close: () => new Promise<void>((closed) => server.close(() => closed())),
  };
}
