// Requests to partners' addresses (GETs of feeds and the images they list, POSTs of alerts to webhooks), guarded
// against server-side request forgery: http(s) only, and no private, loopback, link-local or metadata address, checked on the address each connection is actually
// made to (after DNS, so a name that resolves inward is refused) and again on every redirect, followed by hand.
import { lookup, type LookupAddress, type LookupAllOptions, type LookupOneOptions } from 'node:dns';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { maxRedirects, requestTimeoutMs } from '../feeds/limits.ts';
import { FetchFailed, type Fetched, type Fetcher } from '../feeds/model.ts';
import { mayConnectTo, refusalOf } from '../http/public-address.ts';

export type Policy = { allowLoopback: boolean };

class RefusedAddress extends Error {}

const userAgent = 'stolen-object-registry/0.1 (market screening)';

/** node's lookup, refusing any name with an address the policy does not allow. */
function guardedLookup(policy: Policy): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...(options as LookupOneOptions), all: true } as LookupAllOptions, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 4);
      const refused = addresses.find((address) => !mayConnectTo(address.address, policy));
      if (refused) return callback(new RefusedAddress(`${hostname} resolves to ${refused.address}, a private, loopback, link-local or metadata address`), '', 4);
      const first = addresses[0];
      if ((options as LookupAllOptions).all) return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
      return callback(null, first?.address ?? '', first?.family ?? 4);
    });
  };
}

const headerText = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

type Hop = { status: number; headers: IncomingHttpHeaders; body: Uint8Array };

function getOnce(url: URL, headers: Record<string, string>, maxBytes: number, policy: Policy, signal: AbortSignal): Promise<Hop> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<Hop>((resolve, reject) => {
    const request = send(url, { method: 'GET', headers, lookup: guardedLookup(policy), signal }, (response) => {
      const status = response.statusCode ?? 0;
      // Redirects and not-modified carry no body worth reading.
      if ((status >= 300 && status < 400) || status >= 400) {
        response.resume();
        return resolve({ status, headers: response.headers, body: new Uint8Array() });
      }
      const declared = Number(response.headers['content-length'] ?? 0);
      if (declared > maxBytes) {
        response.destroy();
        return reject(new FetchFailed('too-large', `${url.href} is ${declared} bytes, more than the ${maxBytes} read`));
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.byteLength;
        if (size > maxBytes) {
          response.destroy();
          reject(new FetchFailed('too-large', `${url.href} is more than the ${maxBytes} bytes read`));
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () => resolve({ status, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

function failureOf(error: unknown, url: string): unknown {
  if (error instanceof FetchFailed) return error;
  if (error instanceof RefusedAddress || (error as { cause?: unknown }).cause instanceof RefusedAddress) {
    return new FetchFailed('refused-address', (error instanceof RefusedAddress ? error : ((error as { cause: Error }).cause)).message);
  }
  const name = (error as Error).name;
  if (name === 'AbortError' || name === 'TimeoutError') return new FetchFailed('timeout', `${url} did not answer within ${requestTimeoutMs / 1000} s`);
  const code = (error as NodeJS.ErrnoException).code;
  if (code) return new FetchFailed('network', `${url} could not be reached (${code})`);
  return error;
}

export function guardedFetcher(policy: Policy): Fetcher {
  return {
    async get(address, options): Promise<Fetched> {
      const signal = AbortSignal.timeout(requestTimeoutMs);
      const headers: Record<string, string> = {
        'user-agent': userAgent,
        accept: '*/*',
        ...(options.conditional?.etag ? { 'if-none-match': options.conditional.etag } : {}),
        ...(options.conditional?.lastModified ? { 'if-modified-since': options.conditional.lastModified } : {}),
      };
      let url = new URL(address);
      for (let hop = 0; ; hop++) {
        const refusal = refusalOf(url, policy);
        if (refusal) throw new FetchFailed('refused-address', `${url.href} ${refusal}`);
        let response: Hop;
        try {
          response = await getOnce(url, headers, options.maxBytes, policy, signal);
        } catch (error) {
          throw failureOf(error, url.href);
        }
        const location = headerText(response.headers.location);
        if ([301, 302, 303, 307, 308].includes(response.status) && location) {
          if (hop >= maxRedirects) throw new FetchFailed('too-many-redirects', `${address} redirected more than ${maxRedirects} times`);
          url = new URL(location, url);
          continue;
        }
        const etag = headerText(response.headers.etag);
        const lastModified = headerText(response.headers['last-modified']);
        return { status: response.status, url: url.href, body: response.body, ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) };
      }
    },

    async refusal(address) {
      const url = new URL(address);
      const syntactic = refusalOf(url, policy);
      if (syntactic) return syntactic;
      const host = url.hostname.replace(/^\[|\]$/g, '');
      try {
        await new Promise<void>((resolve, reject) =>
          guardedLookup(policy)(host, { all: true }, (error) => (error ? reject(error) : resolve())),
        );
        return undefined;
      } catch (error) {
        if (error instanceof RefusedAddress) return 'resolves to a private, loopback, link-local or metadata address';
        return `has a host name that does not resolve (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
      }
    },
  };
}

/**
 * POSTs `body` to a partner's webhook through the same guarded lookup, so that a name which resolved outward when the
 * subscription was made cannot be pointed inward later. No redirect is followed. Resolves the status it answered.
 */
export function guardedPost(policy: Policy, timeoutMs: number) {
  return (address: string, body: string, headers: Record<string, string>): Promise<number> => {
    const url = new URL(address);
    const refusal = refusalOf(url, policy);
    if (refusal) return Promise.reject(new RefusedAddress(`${url.href} ${refusal}`));
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<number>((resolve, reject) => {
      const request = send(url, { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, lookup: guardedLookup(policy), signal: AbortSignal.timeout(timeoutMs) }, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      });
      request.on('error', reject);
      request.end(body);
    });
  };
}
