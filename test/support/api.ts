// A small HTTP client for the integration tests: tokens from the local issuer, JSON calls, photo uploads.
import type { Caller } from '../../schemas/identity.ts';

export interface Reply<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export function apiClient(baseUrl: string) {
  const tokens = new Map<string, string>();

  async function token(caller: Caller): Promise<string> {
    const cacheKey = `${caller.sub}|${caller.org}|${caller.role}`;
    const cached = tokens.get(cacheKey);
    if (cached) return cached;
    const response = await fetch(`${baseUrl}/dev/tokens`, { method: 'POST', body: JSON.stringify(caller) });
    if (response.status !== 201) throw new Error(`token request failed: ${response.status} ${await response.text()}`);
    const { token: issued } = (await response.json()) as { token: string };
    tokens.set(cacheKey, issued);
    return issued;
  }

  async function call<T = any>(
    method: string,
    path: string,
    options: { as?: Caller; body?: unknown; rawBody?: string; headers?: Record<string, string>; bearer?: string } = {},
  ): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...options.headers };
    const bearer = options.bearer ?? (options.as ? await token(options.as) : undefined);
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = JSON.stringify(options.body);
    }
    const response = await fetch(`${baseUrl}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body: parsed as T };
  }

  return { token, call };
}

/** Sends a file through a presigned POST exactly as a browser form would. */
export async function postToPresignedUpload(upload: { url: string; fields: Record<string, string> }, bytes: Uint8Array, contentType: string, filename = 'photo') {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append('file', new Blob([bytes], { type: contentType }), filename);
  const response = await fetch(upload.url, { method: 'POST', body: form });
  return response.status;
}

/** Polls until the image has left `pending` (the processor runs on the S3 event) or the time is up. */
export async function waitForImage(client: ReturnType<typeof apiClient>, as: Caller, objectId: string, imageId: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reply = await client.call('GET', `/v1/objects/${objectId}`, { as });
    const image = (reply.body.images as { id: string; status: string }[]).find((candidate) => candidate.id === imageId);
    if (image && image.status !== 'pending') return image as Record<string, any>;
    if (Date.now() > deadline) throw new Error(`image ${imageId} still pending after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
