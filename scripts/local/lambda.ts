// Loads the functions the wiring declares and invokes them as Lambda would: same module, same handler export.
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { functions, type FunctionName } from '../../infra/wiring.ts';

export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

function contextFor(name: FunctionName): Context {
  const decl = functions[name];
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

/** Each function's module is loaded on its first invocation, as a Lambda cold start would. */
export function loadFunctions(root: string): (name: FunctionName, event: unknown) => Promise<unknown> {
  const loaded = new Map<FunctionName, Promise<LambdaHandler>>();
  const load = (name: FunctionName) => {
    let handler = loaded.get(name);
    if (!handler) {
      handler = import(pathToFileURL(resolve(root, functions[name].entry)).href).then((module: { handler: LambdaHandler }) => module.handler);
      loaded.set(name, handler);
    }
    return handler;
  };
  return async (name, event) => (await load(name))(event, contextFor(name));
}
