// The bucket's CORS rule, which the S3 emulator does not implement: a pass-through in front of it that answers the
// console's preflights and lets its scripts read the answers, as the deployed bucket's CORS configuration does.
import { createServer, request as forward, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface S3BrowserCors {
  /** The endpoint the functions presign with: photos are posted and fetched through it. */
  url: string;
  stop(): Promise<void>;
}

export async function startS3BrowserCors(options: { target: string; allowOrigin: (origin: string) => boolean }): Promise<S3BrowserCors> {
  const target = new URL(options.target);
  const allow = (request: IncomingMessage, response: ServerResponse) => {
    const { origin } = request.headers;
    if (!origin || !options.allowOrigin(origin)) return false;
    response.setHeader('access-control-allow-origin', origin);
    response.setHeader('vary', 'origin');
    return true;
  };
  const server = createServer((request, response) => {
    if (request.method === 'OPTIONS' && request.headers['access-control-request-method']) {
      if (allow(request, response)) {
        response.setHeader('access-control-allow-methods', 'GET, POST');
        response.setHeader('access-control-allow-headers', request.headers['access-control-request-headers'] ?? '*');
        response.setHeader('access-control-max-age', '3600');
      }
      response.writeHead(204).end();
      return;
    }
    allow(request, response);
    const upstream = forward(
      { host: target.hostname, port: target.port, method: request.method, path: request.url, headers: { ...request.headers, host: target.host } },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => response.headersSent ? response.destroy() : response.writeHead(502).end());
    request.pipe(upstream);
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((closed) => {
        server.close(() => closed());
        server.closeAllConnections();
      }),
  };
}
