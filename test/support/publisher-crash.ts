// Runs the alert publisher once over a stream batch, in a process of its own, as one Lambda invocation would.
// With --kill-after N the process is killed (SIGKILL, no clean-up) as it is about to publish its (N+1)-th alert:
// the fault an emulator cannot produce. Usage: node publisher-crash.ts <batch.json> [--kill-after N]
import { readFile } from 'node:fs/promises';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { Context } from 'aws-lambda';

const [batchFile, flag, limit] = process.argv.slice(2);
const killAfter = flag === '--kill-after' ? Number(limit) : Infinity;

let published = 0;
const send = SNSClient.prototype.send;
SNSClient.prototype.send = function (this: SNSClient, command: unknown, ...rest: unknown[]) {
  if (command instanceof PublishCommand && ++published > killAfter) process.kill(process.pid, 'SIGKILL');
  return (send as (...args: unknown[]) => unknown).call(this, command, ...rest);
} as typeof send;

const { handler } = (await import('../../functions/alerts/publish-handler.ts')) as { handler: (event: unknown, context: Context) => Promise<unknown> };
const event = JSON.parse(await readFile(batchFile ?? '', 'utf8')) as unknown;
// A run that will be killed gets a short time: an alert it leaves "in progress" can be taken over seconds later.
// The others get enough for retried, throttled calls (middy ends the invocation when the time is up, as Lambda does).
const remainingMs = Number.isFinite(killAfter) ? 3000 : 30_000;
const context = { functionName: 'alertPublisher', awsRequestId: `crash-${process.pid}`, getRemainingTimeInMillis: () => remainingMs } as Context;
process.stdout.write(JSON.stringify(await handler(event, context)));
