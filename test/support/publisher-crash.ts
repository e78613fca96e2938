// Runs the alert publisher once over a stream batch, in a process of its own, as one Lambda invocation would.
// The faults an emulator cannot produce: with --kill-after N the process is killed (SIGKILL, no clean-up) as it is
// about to publish its (N+1)-th alert; with --kill-after-published N, as soon as SNS has taken its N-th alert, before
// the publisher can record that it did. Usage: node publisher-crash.ts <batch.json> [--kill-after|--kill-after-published N]
import { readFile } from 'node:fs/promises';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { Context } from 'aws-lambda';

const [batchFile, flag, limit] = process.argv.slice(2);
const killBefore = flag === '--kill-after' ? Number(limit) : Infinity;
const killAfterPublished = flag === '--kill-after-published' ? Number(limit) : Infinity;

let started = 0;
let published = 0;
const send = SNSClient.prototype.send;
SNSClient.prototype.send = async function (this: SNSClient, command: unknown, ...rest: unknown[]) {
  const publishing = command instanceof PublishCommand;
  if (publishing && ++started > killBefore) process.kill(process.pid, 'SIGKILL');
  const result = await (send as (...args: unknown[]) => Promise<unknown>).call(this, command, ...rest);
  if (publishing && ++published >= killAfterPublished) process.kill(process.pid, 'SIGKILL');
  return result;
} as typeof send;

const { handler } = (await import('../../functions/alerts/publish-handler.ts')) as { handler: (event: unknown, context: Context) => Promise<unknown> };
const event = JSON.parse(await readFile(batchFile ?? '', 'utf8')) as unknown;
// A run that will be killed gets a short time: an alert it leaves "in progress" can be taken over seconds later.
// The others get enough for retried, throttled calls (middy ends the invocation when the time is up, as Lambda does).
const remainingMs = Number.isFinite(killBefore) || Number.isFinite(killAfterPublished) ? 3000 : 30_000;
const context = { functionName: 'alertPublisher', awsRequestId: `crash-${process.pid}`, getRemainingTimeInMillis: () => remainingMs } as Context;
process.stdout.write(JSON.stringify(await handler(event, context)));
