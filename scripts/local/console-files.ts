// Serves the built console (web/dist) at / as CloudFront does in AWS: files by path, index.html for the app's routes.
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, sep } from 'node:path';
import { consoleSecurityHeaders } from '../../functions/http/security-headers.ts';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
};

/** Paths the console owns: everything the API, the dev issuer and the Lambda API do not. */
export const isConsolePath = (method: string | undefined, path: string) =>
  (method === 'GET' || method === 'HEAD') && !/^\/(v1|dev|2015-03-31)(\/|$)/.test(path);

export function serveConsole(distDir: string, connectOrigins: () => string[]) {
  const index = join(distDir, 'index.html');
  /** A file of the build, index.html for an app route (no extension), or undefined for anything outside the build. */
  const fileFor = (path: string) => {
    if (extname(path) === '') return index;
    const candidate = join(distDir, path);
    return candidate.startsWith(distDir + sep) ? candidate : undefined;
  };
  return async (request: IncomingMessage, response: ServerResponse, path: string): Promise<void> => {
    const headers = consoleSecurityHeaders(connectOrigins());
    const file = fileFor(path);
    const served = file && (await readFile(file).catch(() => undefined));
    if (!file || !served) {
      response.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
      response.end(file === index ? 'The console is not built: run `npm run build:web` (npm start does it).' : 'Not found');
      return;
    }
    // Hashed assets never change; index.html must be fetched again to pick up a new build.
    const cache = file.startsWith(join(distDir, 'assets') + sep) ? 'public, max-age=31536000, immutable' : 'no-cache';
    response.writeHead(200, { ...headers, 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': cache });
    response.end(request.method === 'HEAD' ? undefined : served);
  };
}
