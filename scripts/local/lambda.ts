// Loads the functions the wiring declares and invokes them as Lambda would: same module, same handler export, one
// invocation at a time in each environment.
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { type FunctionDecl, functions, type FunctionName } from '../../infra/wiring.ts';

export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;
type Runnable = Pick<FunctionDecl, 'entry' | 'timeoutSeconds' | 'memoryMb'>;

function contextFor(name: string, decl: Runnable): Context {
  const deadline = Date.now() + decl.timeoutSeconds * 1000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${name}`,
    memoryLimitInMB: String(decl.memoryMb),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/**
 * Each function runs in environments that take one invocation at a time, as Lambda's do: a handler module's own state
 * (a Powertools BatchProcessor, the Lambda context it registered) belongs to the one invocation running in it. An
 * invocation that finds every environment of its function busy starts another, a cold start: the handler module
 * loaded again under a URL of its own. From the sources, the modules it imports (clients, the matching index) are
 * loaded once and shared. In bundled mode each environment loads the whole bundle, as Lambda does; all of them share
 * this one process, though, where Lambda gives each its own CPU, so a function keeps at most `bundledEnvironments`
 * and further invocations wait for one of them: fifty bundles parsed at once would starve every other task here
 * (a JWKS fetch times out, and the token is refused).
 */
const bundledEnvironments = 2;

export function loadFunctions<Name extends string = FunctionName>(
  root: string,
  declared: Record<Name, Runnable> = functions as Record<Name, Runnable>,
  /** Bundled mode: the file each function loads from instead of its TypeScript entry (scripts/local/bundles.ts). */
  bundles?: Record<Name, string>,
) {
  const idle = new Map<Name, LambdaHandler[]>();
  const started = new Map<Name, number>();
  const waiting = new Map<Name, (() => void)[]>();
  const listOf = <T>(lists: Map<Name, T[]>, name: Name): T[] => lists.get(name) ?? lists.set(name, []).get(name) ?? [];

  async function environmentOf(name: Name): Promise<LambdaHandler> {
    const reused = listOf(idle, name).pop();
    if (reused) return reused;
    if (bundles && (started.get(name) ?? 0) >= bundledEnvironments) {
      await new Promise<void>((wake) => listOf(waiting, name).push(wake));
      return environmentOf(name);
    }
    started.set(name, (started.get(name) ?? 0) + 1);
    const url = pathToFileURL(bundles?.[name] ?? resolve(root, declared[name].entry));
    url.searchParams.set('environment', randomUUID());
    try {
      return ((await import(url.href)) as { handler: LambdaHandler }).handler;
    } catch (error) {
      started.set(name, (started.get(name) ?? 1) - 1);
      listOf(waiting, name).shift()?.();
      throw error;
    }
  }

  return async (name: Name, event: unknown): Promise<unknown> => {
    const handler = await environmentOf(name);
    try {
      return await handler(event, contextFor(name, declared[name]));
    } finally {
      listOf(idle, name).push(handler);
      listOf(waiting, name).shift()?.();
    }
  };
}
