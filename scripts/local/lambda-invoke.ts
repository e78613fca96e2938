// Lambda's Invoke, as the functions call it locally (a feed run started by hand invokes the fetch function without
// waiting): POST /2015-03-31/functions/<name>/invocations on the API's port, beside the event source mappings. An
// asynchronous invocation is answered 202 at once and retried twice if the function fails, as Lambda does.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FunctionName } from '../../infra/wiring.ts';
import { replyJson } from './aws-json-api.ts';
import { resolveFunctionName } from './lambda-api.ts';

type Invoke = (name: FunctionName, event: unknown) => Promise<unknown>;

const invocationsPath = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;
const asyncAttempts = 3;
const retryDelayMs = 1000;

export function serveInvocations(invoke: Invoke, log: (line: string) => void) {
  const running = new Set<Promise<unknown>>();

  async function inBackground(fn: FunctionName, event: unknown) {
    for (let attempt = 1; attempt <= asyncAttempts; attempt++) {
      try {
        await invoke(fn, event);
        return;
      } catch (error) {
        log(`${fn} failed on an asynchronous invocation (attempt ${attempt} of ${asyncAttempts}): ${String(error)}`);
        if (attempt < asyncAttempts) await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
      }
    }
  }

  return {
    handles: (request: IncomingMessage) => invocationsPath.test(new URL(request.url ?? '/', 'http://127.0.0.1').pathname),

    async handle(request: IncomingMessage, response: ServerResponse) {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const name = decodeURIComponent(invocationsPath.exec(new URL(request.url ?? '/', 'http://127.0.0.1').pathname)?.[1] ?? '');
      let fn: FunctionName;
      let event: unknown;
      try {
        fn = resolveFunctionName(name);
        const text = Buffer.concat(chunks).toString('utf8');
        event = text ? JSON.parse(text) : {};
      } catch (error) {
        const notFound = (error as { statusCode?: number }).statusCode === 404;
        replyJson(response, notFound ? 404 : 400, { Type: 'User', message: (error as Error).message }, notFound ? 'ResourceNotFoundException' : 'InvalidRequestContentException');
        return;
      }
      if (request.headers['x-amz-invocation-type'] === 'Event') {
        const run = inBackground(fn, event);
        running.add(run);
        void run.finally(() => running.delete(run));
        response.writeHead(202);
        response.end();
        return;
      }
      try {
        const result = await invoke(fn, event);
        response.writeHead(200, { 'content-type': 'application/json', 'x-amz-executed-version': '$LATEST' });
        response.end(JSON.stringify(result ?? null));
      } catch (error) {
        response.writeHead(200, { 'content-type': 'application/json', 'x-amz-function-error': 'Unhandled' });
        response.end(JSON.stringify({ errorType: (error as Error).name, errorMessage: (error as Error).message }));
      }
    },

    /** Waits for the invocations under way. */
    async stop() {
      await Promise.allSettled([...running]);
    },
  };
}
