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

/**
 * Serves what CloudFront serves in AWS, on the API's port: a file of the build, or the app (index.html) for a browser
 * navigating to one of its routes. Anything else (an API path, an unknown file, a script asking for a page) is left to
 * the API, which answers as API Gateway does on its own origin. Resolves whether it answered.
 */
export function serveConsole(distDir: string, connectOrigins: () => string[]) {
  const index = join(distDir, 'index.html');
  const fileFor = (request: IncomingMessage, path: string): string | undefined => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
    if (/^\/(v1|dev|2015-03-31)(\/|$)/.test(path)) return undefined;
    if (extname(path) === '') return request.headers.accept?.includes('text/html') ? index : undefined;
    const candidate = join(distDir, path);
    return candidate.startsWith(distDir + sep) ? candidate : undefined;
  };
  return async (request: IncomingMessage, response: ServerResponse, path: string): Promise<boolean> => {
    const file = fileFor(request, path);
    if (!file) return false;
    const served = await readFile(file).catch(() => undefined);
    const headers = consoleSecurityHeaders(connectOrigins());
    if (!served && file === index) {
      response.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
      response.end('The console is not built: run `npm run build:web` (npm start does it).');
      return true;
    }
    if (!served) return false;
    // Hashed assets never change; index.html must be fetched again to pick up a new build.
    const cache = file.startsWith(join(distDir, 'assets') + sep) ? 'public, max-age=31536000, immutable' : 'no-cache';
    response.writeHead(200, { ...headers, 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': cache });
    response.end(request.method === 'HEAD' ? undefined : served);
    return true;
  };
}
