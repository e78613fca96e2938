// The part of the EventBridge Scheduler API that the feeds function calls (Create, Get, Update and Delete schedules),
// served locally on a port of its own. Schedules are kept in the data folder, so they survive a restart, and each
// enabled one invokes its target (a function of the wiring) with its input at its rate, the first time one period
// after it was made or the runtime started, as EventBridge Scheduler does.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { env } from '../../infra/resources.ts';
import { eventSources, type FunctionName } from '../../infra/wiring.ts';
import { rateMinutes } from '../../schemas/feeds.ts';
import { AwsApiError, replyJson } from './aws-json-api.ts';
import { jsonListFile } from './json-list-file.ts';
import { resolveFunctionName } from './lambda-api.ts';

type Invoke = (name: FunctionName, event: unknown) => Promise<unknown>;

const region = 'us-east-1';
const account = '000000000000';

/** What is kept of a schedule, in the Scheduler API's own field names; dates in epoch milliseconds. */
export interface StoredSchedule {
  Name: string;
  GroupName: string;
  ScheduleExpression: string;
  State: 'ENABLED' | 'DISABLED';
  Description?: string;
  FlexibleTimeWindow: { Mode: string; MaximumWindowInMinutes?: number };
  Target: { Arn: string; RoleArn: string; Input?: string; RetryPolicy?: { MaximumRetryAttempts?: number; MaximumEventAgeInSeconds?: number } };
  CreationDate: number;
  LastModificationDate: number;
}

const invalid = (message: string): never => {
  throw new AwsApiError(400, 'ValidationException', message);
};

const arnOf = (schedule: Pick<StoredSchedule, 'GroupName' | 'Name'>) => `arn:aws:scheduler:${region}:${account}:schedule/${schedule.GroupName}/${schedule.Name}`;

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    const parsed: unknown = text ? JSON.parse(text) : {};
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // answered below
  }
  return invalid('The request body is not a JSON object');
}

/** Checks a create or update request as the service does, for the subset the local runtime can run. */
function scheduleFrom(name: string, body: Record<string, unknown>, previous: StoredSchedule | undefined): StoredSchedule {
  const expression = typeof body.ScheduleExpression === 'string' ? body.ScheduleExpression : invalid('ScheduleExpression is required');
  if (rateMinutes(expression) === undefined) invalid(`Invalid Schedule Expression ${expression}: the local scheduler runs rate() expressions only.`);
  const target = (body.Target ?? invalid('Target is required')) as StoredSchedule['Target'];
  if (typeof target.Arn !== 'string' || typeof target.RoleArn !== 'string') invalid('Target.Arn and Target.RoleArn are required');
  try {
    resolveFunctionName(target.Arn);
  } catch {
    invalid(`The local scheduler invokes the wiring's functions only, not ${target.Arn}`);
  }
  const window = (body.FlexibleTimeWindow ?? invalid('FlexibleTimeWindow is required')) as StoredSchedule['FlexibleTimeWindow'];
  const now = Date.now();
  return {
    Name: name,
    GroupName: typeof body.GroupName === 'string' ? body.GroupName : 'default',
    ScheduleExpression: expression,
    State: body.State === 'DISABLED' ? 'DISABLED' : 'ENABLED',
    ...(typeof body.Description === 'string' ? { Description: body.Description } : {}),
    FlexibleTimeWindow: window,
    Target: target,
    CreationDate: previous?.CreationDate ?? now,
    LastModificationDate: now,
  };
}

function view(schedule: StoredSchedule) {
  return { ...schedule, Arn: arnOf(schedule), CreationDate: schedule.CreationDate / 1000, LastModificationDate: schedule.LastModificationDate / 1000 };
}

export interface LocalScheduler {
  endpoint: string;
  /** What the function that manages the feeds' schedules is given in AWS, pointed at this emulator. */
  environment: Record<string, string>;
  /** Starts the timers of the schedules kept and of those made from now on. */
  start(invoke: Invoke): void;
  list(): StoredSchedule[];
  stop(): Promise<void>;
}

export async function serveScheduler(options: { dataDir: string; log: (line: string) => void }): Promise<LocalScheduler> {
  const file = join(options.dataDir, 'schedules.json');
  const schedules = new Map<string, StoredSchedule>();
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Set<Promise<unknown>>();
  let invoke: Invoke | undefined;

  const kept = jsonListFile<StoredSchedule>(file);
  for (const schedule of await kept.read()) schedules.set(`${schedule.GroupName}/${schedule.Name}`, schedule);

  const save = () => kept.write([...schedules.values()]);

  function fire(schedule: StoredSchedule) {
    if (!invoke) return;
    const fn = resolveFunctionName(schedule.Target.Arn);
    const event: unknown = schedule.Target.Input ? JSON.parse(schedule.Target.Input) : {};
    const run = invoke(fn, event).catch((error: unknown) => options.log(`${fn} failed on schedule ${schedule.GroupName}/${schedule.Name}: ${String(error)}`));
    running.add(run);
    void run.finally(() => running.delete(run));
  }

  function arm(key: string) {
    clearInterval(timers.get(key));
    timers.delete(key);
    const schedule = schedules.get(key);
    if (!invoke || !schedule || schedule.State !== 'ENABLED') return;
    timers.set(key, setInterval(() => fire(schedule), (rateMinutes(schedule.ScheduleExpression) ?? 60) * 60_000));
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const method = request.method ?? 'GET';
    try {
      const found = /^\/schedules\/([^/]+)$/.exec(url.pathname);
      if (!found) throw new AwsApiError(404, 'ResourceNotFoundException', `The local Scheduler API does not serve ${method} ${url.pathname}`);
      const name = decodeURIComponent(found[1] ?? '');
      const body = method === 'POST' || method === 'PUT' ? await readJson(request) : {};
      const group = (typeof body.GroupName === 'string' ? body.GroupName : url.searchParams.get('groupName')) ?? 'default';
      const key = `${group}/${name}`;
      const existing = schedules.get(key);
      const missing = () => new AwsApiError(404, 'ResourceNotFoundException', `Schedule ${name} does not exist.`);
      if (method === 'POST') {
        if (existing) throw new AwsApiError(409, 'ConflictException', `Schedule ${name} already exists.`);
        const schedule = scheduleFrom(name, body, undefined);
        schedules.set(key, schedule);
        await save();
        arm(key);
        return replyJson(response, 200, { ScheduleArn: arnOf(schedule) });
      }
      if (!existing) throw missing();
      if (method === 'GET') return replyJson(response, 200, view(existing));
      if (method === 'PUT') {
        const schedule = scheduleFrom(name, body, existing);
        schedules.set(key, schedule);
        await save();
        arm(key);
        return replyJson(response, 200, { ScheduleArn: arnOf(schedule) });
      }
      if (method === 'DELETE') {
        schedules.delete(key);
        arm(key);
        await save();
        return replyJson(response, 200, {});
      }
      throw new AwsApiError(405, 'ValidationException', `${method} is not a Scheduler API method here`);
    } catch (error) {
      if (error instanceof AwsApiError) return replyJson(response, error.statusCode, { Message: error.message }, error.type);
      options.log(`the local Scheduler API failed on ${method} ${url.pathname}: ${String(error)}`);
      return replyJson(response, 500, { Message: String(error) }, 'InternalServerException');
    }
  }

  const server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((ready, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ready);
  });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const source = eventSources.find((candidate) => candidate.kind === 'feed-schedules');
  const environment: Record<string, string> = {
    AWS_ENDPOINT_URL_SCHEDULER: endpoint,
    ...(source
      ? {
          [env.feedScheduleGroup]: source.group,
          [env.feedFetchFunction]: `arn:aws:lambda:${region}:${account}:function:${source.fn}`,
          [env.feedSchedulerRole]: `arn:aws:iam::${account}:role/local-scheduler`,
        }
      : {}),
  };

  return {
    endpoint,
    environment,
    start(given) {
      invoke = given;
      for (const key of schedules.keys()) arm(key);
    },
    list: () => [...schedules.values()],
    async stop() {
      for (const timer of timers.values()) clearInterval(timer);
      timers.clear();
      await new Promise((closed) => {
        server.close(closed);
        server.closeAllConnections();
      });
      await Promise.allSettled([...running]);
      await kept.settled();
    },
  };
}
