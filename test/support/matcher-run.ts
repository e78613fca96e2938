// Runs the real matcher over one stream batch in a process of its own, as one Lambda invocation would, against the
// local emulators or a fault proxy in front of them. Usage: node matcher-run.ts <batch.json>
import { readFile } from 'node:fs/promises';
import type { Context } from 'aws-lambda';

const { handler } = (await import('../../functions/matching/stream-handler.ts')) as { handler: (event: unknown, context: Context) => Promise<unknown> };
const event = JSON.parse(await readFile(process.argv[2] ?? '', 'utf8')) as unknown;
const context = { functionName: 'matcher', awsRequestId: `matcher-${process.pid}`, getRemainingTimeInMillis: () => 60_000 } as Context;
process.stdout.write(JSON.stringify(await handler(event, context)));
