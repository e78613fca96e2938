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

export async function loadFunctions(root: string): Promise<(name: FunctionName, event: unknown) => Promise<unknown>> {
  const loaded = new Map<FunctionName, LambdaHandler>();
  for (const [name, decl] of Object.entries(functions) as [FunctionName, (typeof functions)[FunctionName]][]) {
    const module = (await import(pathToFileURL(resolve(root, decl.entry)).href)) as { handler: LambdaHandler };
    loaded.set(name, module.handler);
  }
  return (name, event) => {
    const handler = loaded.get(name);
    if (!handler) throw new Error(`No function ${name} in the wiring`);
    return handler(event, contextFor(name));
  };
}
