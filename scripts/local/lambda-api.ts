// The part of the Lambda API that functions call at run time, served locally: event source mappings from SQS queues
// to the wiring's functions (Create, Get, List, Update, Delete), kept in the data folder and fed by queue pollers.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { GetQueueUrlCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { functions, type FunctionName } from '../../infra/wiring.ts';
import { AwsApiError, replyJson } from './aws-json-api.ts';
import { jsonListFile } from './json-list-file.ts';
import { pollQueue, queueNameOf } from './queue-sources.ts';

type Invoke = (name: FunctionName, event: unknown) => Promise<unknown>;

const region = 'us-east-1';
const account = '000000000000';
const apiPrefix = '/2015-03-31/';
const collectionPath = '/2015-03-31/event-source-mappings';
// Lambda's default batch size for SQS, and its limits (above ten it needs a batching window).
const defaultBatchSize = 10;
const defaultConcurrency = 5;

/** What is kept of a mapping, in Lambda's own field names. */
export interface StoredMapping {
  UUID: string;
  FunctionName: FunctionName;
  EventSourceArn: string;
  BatchSize: number;
  MaximumBatchingWindowInSeconds: number;
  FunctionResponseTypes: string[];
  MaximumConcurrency?: number;
  Enabled: boolean;
  /** Epoch milliseconds. */
  LastModified: number;
}

const functionArn = (name: FunctionName) => `arn:aws:lambda:${region}:${account}:function:${name}`;

/** A function name as Lambda takes it: a name, a full ARN or a partial ARN (`<account>:function:<name>`), with an optional qualifier. */
export function resolveFunctionName(value: unknown): FunctionName {
  const text = typeof value === 'string' ? value : '';
  const name = /^(?:arn:aws[\w-]*:lambda:[\w-]+:\d{12}:function:|\d{12}:function:)?([\w-]+)(?::[\w$-]+)?$/.exec(text)?.[1] ?? text;
  if (!Object.hasOwn(functions, name)) {
    throw new AwsApiError(404, 'ResourceNotFoundException', `Function not found: ${text.startsWith('arn:') ? text : `arn:aws:lambda:${region}:${account}:function:${name}`}`);
  }
  return name as FunctionName;
}

function view(mapping: StoredMapping, state?: string) {
  return {
    UUID: mapping.UUID,
    BatchSize: mapping.BatchSize,
    MaximumBatchingWindowInSeconds: mapping.MaximumBatchingWindowInSeconds,
    EventSourceArn: mapping.EventSourceArn,
    FunctionArn: functionArn(mapping.FunctionName),
    LastModified: mapping.LastModified / 1000,
    State: state ?? (mapping.Enabled ? 'Enabled' : 'Disabled'),
    StateTransitionReason: 'USER_INITIATED',
    FunctionResponseTypes: mapping.FunctionResponseTypes,
    ...(mapping.MaximumConcurrency ? { ScalingConfig: { MaximumConcurrency: mapping.MaximumConcurrency } } : {}),
    EventSourceMappingArn: `arn:aws:lambda:${region}:${account}:event-source-mapping:${mapping.UUID}`,
  };
}

function invalid(message: string): never {
  throw new AwsApiError(400, 'InvalidParameterValueException', message);
}

function checkSettings(mapping: StoredMapping) {
  if (!Number.isInteger(mapping.BatchSize) || mapping.BatchSize < 1 || mapping.BatchSize > 10_000) {
    invalid(`1 validation error detected: Value '${mapping.BatchSize}' at 'batchSize' failed to satisfy constraint: Member must have value between 1 and 10000`);
  }
  if (mapping.BatchSize > 10 && mapping.MaximumBatchingWindowInSeconds < 1) {
    invalid('Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10');
  }
  for (const type of mapping.FunctionResponseTypes) {
    if (type !== 'ReportBatchItemFailures') invalid(`Unsupported FunctionResponseType: ${type}`);
  }
  if (mapping.MaximumConcurrency !== undefined && (!Number.isInteger(mapping.MaximumConcurrency) || mapping.MaximumConcurrency < 2 || mapping.MaximumConcurrency > 1000)) {
    invalid('MaximumConcurrency must be between 2 and 1000');
  }
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new AwsApiError(400, 'InvalidRequestContentException', 'Could not parse request body into json');
}

export interface EventSourceMappings {
  /** Answers a request whose path starts with /2015-03-31/. */
  handle(request: IncomingMessage, response: ServerResponse): Promise<void>;
  list(): StoredMapping[];
  /** Stops every poller, waiting for the batches being delivered. */
  stop(): Promise<void>;
}

/** Loads the mappings kept in the data folder, starts their pollers and serves the API that changes them. */
export async function serveEventSourceMappings(options: {
  dataDir: string;
  sqs: SQSClient;
  invoke: Invoke;
  log: (line: string) => void;
}): Promise<EventSourceMappings> {
  const file = join(options.dataDir, 'event-source-mappings.json');
  const mappings = new Map<string, StoredMapping>();
  const pollers = new Map<string, ReturnType<typeof pollQueue>>();
  const ending = new Set<Promise<void>>();
  let stopped = false;

  const kept = jsonListFile<StoredMapping>(file);
  for (const mapping of await kept.read()) mappings.set(mapping.UUID, mapping);

  const save = () => kept.write([...mappings.values()]);

  function startPoller(mapping: StoredMapping) {
    if (stopped || !mapping.Enabled || pollers.has(mapping.UUID)) return;
    const poller = pollQueue({
      sqs: options.sqs,
      invoke: options.invoke,
      log: options.log,
      mapping: {
        uuid: mapping.UUID,
        fn: mapping.FunctionName,
        queueArn: mapping.EventSourceArn,
        batchSize: mapping.BatchSize,
        reportBatchItemFailures: mapping.FunctionResponseTypes.includes('ReportBatchItemFailures'),
        maxConcurrency: mapping.MaximumConcurrency ?? defaultConcurrency,
      },
    });
    pollers.set(mapping.UUID, poller);
    void poller.ended.finally(() => {
      if (pollers.get(mapping.UUID) === poller) pollers.delete(mapping.UUID);
    });
  }

  function stopPoller(uuid: string) {
    const poller = pollers.get(uuid);
    if (!poller) return;
    pollers.delete(uuid);
    // The API answers at once, as Lambda's does ("Deleting"); stop() still waits for the batch under way.
    const end = poller.stop();
    ending.add(end);
    void end.finally(() => ending.delete(end));
  }

  async function queueExists(queueArn: string) {
    try {
      await options.sqs.send(new GetQueueUrlCommand({ QueueName: queueNameOf(queueArn) }));
    } catch (error) {
      if (error instanceof Error && error.name === 'QueueDoesNotExist') invalid(`The provided SQS queue ${queueArn} does not exist`);
      throw error;
    }
  }

  function find(uuid: string): StoredMapping {
    const mapping = mappings.get(uuid);
    if (!mapping) throw new AwsApiError(404, 'ResourceNotFoundException', 'The resource you requested does not exist.');
    return mapping;
  }

  async function create(body: Record<string, unknown>) {
    const fn = resolveFunctionName(body.FunctionName);
    const arn = typeof body.EventSourceArn === 'string' ? body.EventSourceArn : '';
    if (!/^arn:aws[\w-]*:sqs:[\w-]+:\d{12}:[\w-]+(\.fifo)?$/.test(arn)) {
      invalid(`Unsupported event source: ${arn || '(none)'}. The local runtime maps SQS queues only; the wiring feeds the other sources.`);
    }
    const mapping: StoredMapping = {
      UUID: randomUUID(),
      FunctionName: fn,
      EventSourceArn: arn,
      BatchSize: typeof body.BatchSize === 'number' ? body.BatchSize : defaultBatchSize,
      MaximumBatchingWindowInSeconds: typeof body.MaximumBatchingWindowInSeconds === 'number' ? body.MaximumBatchingWindowInSeconds : 0,
      FunctionResponseTypes: Array.isArray(body.FunctionResponseTypes) ? body.FunctionResponseTypes.map(String) : [],
      ...(typeof (body.ScalingConfig as { MaximumConcurrency?: unknown } | undefined)?.MaximumConcurrency === 'number'
        ? { MaximumConcurrency: (body.ScalingConfig as { MaximumConcurrency: number }).MaximumConcurrency }
        : {}),
      Enabled: body.Enabled !== false,
      LastModified: Date.now(),
    };
    checkSettings(mapping);
    for (const existing of mappings.values()) {
      if (existing.EventSourceArn === arn && existing.FunctionName === fn) {
        throw new AwsApiError(
          409,
          'ResourceConflictException',
          `An event source mapping with SQS arn (" ${arn} ") and function (" ${fn} ") already exists. Please update or delete the existing mapping with UUID ${existing.UUID}`,
        );
      }
    }
    await queueExists(arn);
    mappings.set(mapping.UUID, mapping);
    await save();
    startPoller(mapping);
    return view(mapping, 'Creating');
  }

  async function update(uuid: string, body: Record<string, unknown>) {
    const current = find(uuid);
    const next: StoredMapping = {
      ...current,
      ...(body.FunctionName !== undefined ? { FunctionName: resolveFunctionName(body.FunctionName) } : {}),
      ...(typeof body.BatchSize === 'number' ? { BatchSize: body.BatchSize } : {}),
      ...(typeof body.MaximumBatchingWindowInSeconds === 'number' ? { MaximumBatchingWindowInSeconds: body.MaximumBatchingWindowInSeconds } : {}),
      ...(Array.isArray(body.FunctionResponseTypes) ? { FunctionResponseTypes: body.FunctionResponseTypes.map(String) } : {}),
      ...(typeof body.Enabled === 'boolean' ? { Enabled: body.Enabled } : {}),
      LastModified: Date.now(),
    };
    checkSettings(next);
    mappings.set(uuid, next);
    await save();
    stopPoller(uuid);
    startPoller(next);
    return view(next, 'Updating');
  }

  async function remove(uuid: string) {
    const mapping = find(uuid);
    mappings.delete(uuid);
    stopPoller(uuid);
    await save();
    return view(mapping, 'Deleting');
  }

  function list(query: URLSearchParams) {
    const arn = query.get('EventSourceArn');
    const fn = query.get('FunctionName');
    const wanted = fn ? resolveFunctionName(fn) : undefined;
    const all = [...mappings.values()].filter((mapping) => (!arn || mapping.EventSourceArn === arn) && (!wanted || mapping.FunctionName === wanted));
    const from = Number(query.get('Marker') ?? 0) || 0;
    const size = Math.min(Math.max(Number(query.get('MaxItems') ?? 100) || 100, 1), 10_000);
    const page = all.slice(from, from + size);
    return { EventSourceMappings: page.map((mapping) => view(mapping)), ...(from + size < all.length ? { NextMarker: String(from + size) } : {}) };
  }

  for (const mapping of mappings.values()) startPoller(mapping);

  return {
    async handle(request, response) {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const path = url.pathname.replace(/\/+$/, '');
      const method = request.method ?? 'GET';
      try {
        if (!url.pathname.startsWith(apiPrefix)) throw new AwsApiError(404, 'ResourceNotFoundException', 'Unknown Lambda API path');
        const body = await readJson(request);
        if (path === collectionPath && method === 'POST') return replyJson(response, 202, await create(body));
        if (path === collectionPath && method === 'GET') return replyJson(response, 200, list(url.searchParams));
        const uuid = path.startsWith(`${collectionPath}/`) ? decodeURIComponent(path.slice(collectionPath.length + 1)) : undefined;
        if (uuid && !uuid.includes('/')) {
          if (method === 'GET') return replyJson(response, 200, view(find(uuid)));
          if (method === 'PUT') return replyJson(response, 202, await update(uuid, body));
          if (method === 'DELETE') return replyJson(response, 202, await remove(uuid));
        }
        throw new AwsApiError(404, 'ResourceNotFoundException', `The local Lambda API does not serve ${method} ${url.pathname}`);
      } catch (error) {
        if (error instanceof AwsApiError) {
          // Lambda spells the message field "Message" on ResourceNotFoundException and "message" on the others.
          const messageField = error.type === 'ResourceNotFoundException' ? 'Message' : 'message';
          return replyJson(response, error.statusCode, { Type: 'User', [messageField]: error.message }, error.type);
        }
        options.log(`the local Lambda API failed on ${method} ${url.pathname}: ${String(error)}`);
        return replyJson(response, 500, { Type: 'Service', message: String(error) }, 'ServiceException');
      }
    },
    list: () => [...mappings.values()],
    async stop() {
      stopped = true;
      const all = [...pollers.keys()];
      for (const uuid of all) stopPoller(uuid);
      await Promise.allSettled([...ending]);
      await kept.settled();
    },
  };
}
