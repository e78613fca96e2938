// Load on the local stack over HTTP: registrations, photos, searches and sightings at a set concurrency, then an
// accounting of what the registry owed: every sighting settled, every alert delivered once, every object readable.
// One partner's webhook is down for the whole run: its alerts must all wait in the dead letters, and arrive exactly
// once when it is back and an admin redrives them.
// `npm run load -- --reports 10000 --concurrency 50 [--objects K] [--photos P] [--searches S] [--url http://…]`
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { SubscriptionFilter } from '../schemas/alerts.ts';
import type { Caller } from '../schemas/identity.ts';
import { RegisterObject } from '../schemas/object-id.ts';
import { caller, objectFixtures } from '../test/fixtures/objects.ts';
import { registeredPhoto, syntheticObjects } from '../test/fixtures/photo-corpus.ts';
import { seededRandom, type Random } from '../test/fixtures/random.ts';
import { alertInbox, type AlertInbox } from '../test/support/alert-inbox.ts';
import { apiClient, postToPresignedUpload, type Reply } from '../test/support/api.ts';
import { launchLocalStack } from '../test/support/local-stack.ts';
import { webhookReceiver } from '../test/support/partners.ts';
import { percentile } from '../test/support/stats.ts';

// ---------------------------------------------------------------------------------------------------------------
// Options and target

type Options = {
  reports: number;
  concurrency: number;
  objects: number;
  photos: number;
  searches: number;
  url: string | undefined;
  awsEndpoint: string;
  settleSeconds: number;
  seed: number;
};

function optionsFrom(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      reports: { type: 'string', default: '10000' },
      concurrency: { type: 'string', default: '50' },
      objects: { type: 'string' },
      photos: { type: 'string', default: '20' },
      searches: { type: 'string' },
      url: { type: 'string' },
      'aws-endpoint': { type: 'string', default: 'http://127.0.0.1:4566' },
      'settle-seconds': { type: 'string', default: '900' },
      seed: { type: 'string', default: '9' },
    },
  });
  const reports = Number(values.reports);
  const objects = Number(values.objects ?? Math.max(50, Math.ceil(reports / 50)));
  const options = {
    reports,
    concurrency: Number(values.concurrency),
    objects,
    photos: Math.min(objects, Number(values.photos)),
    searches: Number(values.searches ?? Math.ceil(reports / 10)),
    url: values.url,
    awsEndpoint: values['aws-endpoint'],
    settleSeconds: Number(values['settle-seconds']),
    seed: Number(values.seed),
  };
  for (const [name, value] of Object.entries(options)) {
    if (typeof value === 'number' && !(Number.isInteger(value) && value >= 0)) throw new Error(`--${name} must be a whole number, got ${value}`);
  }
  if (options.concurrency < 1 || options.objects < 1) throw new Error('--concurrency and --objects must be at least 1');
  return options;
}

type Target = { url: string; awsEndpoint: string; stop(): Promise<void> };

/** The stack given by --url, or one of our own in a temporary data folder that goes away with it. */
async function targetOf(options: Options): Promise<Target> {
  if (options.url) return { url: options.url, awsEndpoint: options.awsEndpoint, stop: async () => {} };
  const dataDir = await mkdtemp(join(tmpdir(), 'load-'));
  const stack = await launchLocalStack(dataDir);
  return {
    url: stack.url,
    awsEndpoint: stack.awsEndpoint,
    async stop() {
      await stack.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Timed requests

type Sample = { route: string; status: number; ms: number };

/** Every request, by route key ("POST /v1/objects/{id}/images"), with its status (0: no answer) and latency. */
function requestLog() {
  const samples: Sample[] = [];
  async function timed<T>(route: string, send: () => Promise<{ status: number } & T>): Promise<({ status: number } & T) | undefined> {
    const started = performance.now();
    try {
      const reply = await send();
      samples.push({ route, status: reply.status, ms: performance.now() - started });
      return reply;
    } catch (error) {
      samples.push({ route, status: 0, ms: performance.now() - started });
      failures.push(`${route}: ${(error as Error).message}`);
      return undefined;
    }
  }
  const failures: string[] = [];
  return { samples, failures, timed };
}
type RequestLog = ReturnType<typeof requestLog>;

function api(log: RequestLog, baseUrl: string) {
  const client = apiClient(baseUrl);
  return {
    client,
    call: (route: string, path: string, options: { as: Caller; body?: unknown }) =>
      log.timed<Reply>(route, () => client.call(route.split(' ')[0] ?? 'GET', path, options)),
  };
}
type Api = ReturnType<typeof api>;

// ---------------------------------------------------------------------------------------------------------------
// The workload

const fixtures = Object.values(objectFixtures);
const countries = ['AL', 'BG', 'DE', 'FR', 'GR', 'IT', 'NL', 'CH', 'TR', 'US'];

/** Descriptions of objects no one registered: sightings of these should find nothing. */
const unregistered = [
  'Bronze ritual wine vessel with three legs and a taotie mask band, green patina, Chinese Shang style.',
  'Carved wooden mask with cowrie shells and raffia beard, Dan style, Côte d’Ivoire, with a repaired crack on the chin.',
  'Silver Torah finial with small bells and a crown, hallmarked Augsburg, one bell missing.',
  'Pre-Columbian gold nose ornament in the shape of a bird with spread wings, Tairona style.',
  'Aboriginal bark painting of a barramundi in X-ray style with red and white ochre crosshatching.',
];

type Registered = { id: string; number: string; record: RegisterObject; museum: Caller; hasPhoto: boolean };
type Sent = { id: string; intent: 'match' | 'none'; objectId?: string };

type Op = 'register' | 'photo' | 'search' | 'sighting';

type Run = {
  options: Options;
  log: RequestLog;
  api: Api;
  random: Random;
  tag: string;
  museums: Caller[];
  investigators: Caller[];
  registered: Registered[];
  sightings: Sent[];
  photos: { objectId: string; imageId: string; uploaded: boolean }[];
  photoBytes: Promise<Buffer>[];
  nextObject: number;
};

const pick = <T>(random: Random, values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;

/** The ops after the seed registrations, shuffled the same way on every run of the same seed. */
function schedule(options: Options, seeded: number, random: Random): Op[] {
  const ops: Op[] = [
    ...Array<Op>(options.objects - seeded).fill('register'),
    ...Array<Op>(options.photos).fill('photo'),
    ...Array<Op>(options.searches).fill('search'),
    ...Array<Op>(options.reports).fill('sighting'),
  ];
  for (let i = ops.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [ops[i], ops[j]] = [ops[j] as Op, ops[i] as Op];
  }
  return ops;
}

/** Each object carries an inventory number of its own, written as museums write them ("MXK-1012"). */
async function register(run: Run) {
  const n = run.nextObject++;
  const fixture = fixtures[n % fixtures.length] as RegisterObject;
  const number = `${run.tag.replace(/[^a-z]/g, '').slice(0, 3).toUpperCase()}-${1000 + n}`;
  const record = RegisterObject.parse({ ...fixture, markings: [{ kind: 'inventory-number', text: number }] });
  const museum = run.museums[n % run.museums.length] as Caller;
  const reply = await run.api.call('POST /v1/objects', '/v1/objects', { as: museum, body: record });
  if (reply?.status === 201) run.registered.push({ id: reply.body.id as string, number, record, museum, hasPhoto: false });
}

async function uploadPhoto(run: Run) {
  const object = run.registered.find((candidate) => !candidate.hasPhoto);
  const bytes = run.photoBytes[run.photos.length];
  if (!object || !bytes) return;
  object.hasPhoto = true;
  const grant = await run.api.call('POST /v1/objects/{id}/images', `/v1/objects/${object.id}/images`, {
    as: object.museum,
    body: { contentType: 'image/jpeg', filename: 'photo.jpg' },
  });
  if (grant?.status !== 201) return;
  const photo = { objectId: object.id, imageId: grant.body.imageId as string, uploaded: false };
  run.photos.push(photo);
  const data = await bytes;
  const upload = await run.log.timed('POST (presigned upload to S3)', async () => ({ status: await postToPresignedUpload(grant.body, data, 'image/jpeg', 'photo.jpg') }));
  photo.uploaded = upload !== undefined && upload.status >= 200 && upload.status < 300;
}

async function search(run: Run) {
  const object = pick(run.random, run.registered);
  const text = run.random() < 0.5 ? `${object.record.title ?? ''} ${object.record.description}` : pick(run.random, unregistered);
  await run.api.call('POST /v1/search', '/v1/search', { as: pick(run.random, run.investigators), body: { text, limit: 10 } });
}

/** Nine in ten describe a registered object with its inventory number; the rest describe nothing registered. */
async function report(run: Run) {
  const n = run.sightings.length;
  const seenAt = { date: '2026-11-20', country: pick(run.random, countries) };
  const reporter = pick(run.random, run.investigators);
  const channel = reporter.role === 'customs' ? 'customs' : 'police';
  const describes = run.random() < 0.9 ? pick(run.random, run.registered) : undefined;
  const body = describes
    ? { channel, lang: describes.record.lang, text: `${describes.record.description} ${describes.record.distinguishingFeatures ?? ''} ${describes.number}`, seenAt }
    : { channel, lang: 'en', text: `${pick(run.random, unregistered)} Lot ${run.tag}-${n}.`, seenAt };
  const reply = await run.api.call('POST /v1/sightings', '/v1/sightings', { as: reporter, body });
  if (reply?.status === 202) run.sightings.push({ id: reply.body.id as string, intent: describes ? 'match' : 'none', ...(describes ? { objectId: describes.id } : {}) });
}

const perform: Record<Op, (run: Run) => Promise<void>> = { register, photo: uploadPhoto, search, sighting: report };

/** Runs `task(i)` for i in [0, count) on `concurrency` workers. */
async function pool(count: number, concurrency: number, task: (i: number) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

/** A few registrations first, so that the first sightings and searches have something to describe. */
async function drive(run: Run): Promise<number> {
  const seeded = Math.min(run.options.objects, 10);
  const started = performance.now();
  await pool(seeded, run.options.concurrency, () => register(run));
  if (run.registered.length === 0) throw new Error('no registration succeeded; is the stack up?');
  const ops = schedule(run.options, seeded, run.random);
  let done = 0;
  const progress = setInterval(() => console.error(`  … ${done}/${ops.length} operations, ${((performance.now() - started) / 1000).toFixed(0)} s`), 15_000);
  await pool(ops.length, run.options.concurrency, async (i) => {
    await perform[ops[i] as Op](run);
    done++;
  });
  clearInterval(progress);
  return performance.now() - started;
}

// ---------------------------------------------------------------------------------------------------------------
// Subscribers and the alerts they are owed

type Owed = { alertId: string; event: 'new-object' | 'match'; ownerOrg: string };

type Subscriber = { name: string; as: Caller; filter: SubscriptionFilter; owes: (alert: Owed) => boolean; inbox?: AlertInbox };

/** Three partners: police hear every match, customs every new loss, one museum new losses and matches on its own. */
function subscribersOf(tag: string, museum: Caller): Subscriber[] {
  return [
    { name: `load-${tag}-police-matches`, as: caller('police', `load-${tag}-police`), filter: { events: ['match'] }, owes: (alert) => alert.event === 'match' },
    { name: `load-${tag}-customs-new`, as: caller('customs', `load-${tag}-customs`), filter: { events: ['new-object'] }, owes: (alert) => alert.event === 'new-object' },
    {
      name: `load-${tag}-museum-own`,
      as: museum,
      filter: { events: ['match', 'new-object'] },
      // A museum hears of every new loss, but of matches on its own objects only.
      owes: (alert) => alert.event === 'new-object' || alert.ownerOrg === museum.org,
    },
  ];
}

type DownWebhook = { name: string; as: Caller; receiver: Awaited<ReturnType<typeof webhookReceiver>>; subscriptionId?: string };

/** Customs' webhook for new losses, answering 503 until the accounting brings it back. */
async function downWebhook(run: Run): Promise<DownWebhook> {
  const webhook: DownWebhook = { name: `load-${run.tag}-customs-webhook`, as: caller('customs', `load-${run.tag}-customs`), receiver: await webhookReceiver(() => 503) };
  const reply = await run.api.call('POST /v1/subscriptions', '/v1/subscriptions', {
    as: webhook.as,
    body: { name: webhook.name, delivery: { type: 'webhook', url: webhook.receiver.url }, filter: { events: ['new-object'] } },
  });
  if (reply?.status !== 201) throw new Error(`subscribing ${webhook.name} failed: ${reply?.status} ${JSON.stringify(reply?.body)}`);
  webhook.subscriptionId = reply.body.id as string;
  return webhook;
}

async function subscribe(run: Run, target: Target, subscribers: Subscriber[]) {
  for (const subscriber of subscribers) {
    subscriber.inbox = await alertInbox(target.awsEndpoint, subscriber.name);
    const reply = await run.api.call('POST /v1/subscriptions', '/v1/subscriptions', {
      as: subscriber.as,
      body: { name: subscriber.name, delivery: { type: 'sqs', queueArn: subscriber.inbox.arn }, filter: subscriber.filter },
    });
    if (reply?.status !== 201) throw new Error(`subscribing ${subscriber.name} failed: ${reply?.status} ${JSON.stringify(reply?.body)}`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Accounting

type SightingState = { status: string; matches: { id: string; objectId: string; score: number }[] };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readSighting(run: Run, id: string): Promise<SightingState | undefined> {
  const reply = await run.api.call('GET /v1/sightings/{id}', `/v1/sightings/${id}`, { as: run.investigators[0] as Caller });
  if (reply?.status !== 200) return undefined;
  return { status: reply.body.status as string, matches: (reply.body.matches as SightingState['matches']).map(({ id, objectId, score }) => ({ id, objectId, score })) };
}

/**
 * Polls the oldest pending sightings in batches until none is pending, or until nothing has settled for `stallMs`
 * or the deadline passes; the matcher works through the stream roughly in order, so the oldest settle first.
 */
async function settle(run: Run, deadline: number, stallMs = 120_000): Promise<Map<string, SightingState>> {
  const states = new Map<string, SightingState>();
  let pending = run.sightings.map((sighting) => sighting.id);
  let lastProgress = performance.now();
  while (pending.length > 0 && performance.now() < deadline && performance.now() - lastProgress < stallMs) {
    // A small batch and a pause each round: the polling must not take the CPU the matcher needs.
    const batch = pending.slice(0, run.options.concurrency);
    const read = new Map<string, SightingState | undefined>();
    await pool(batch.length, run.options.concurrency, async (i) => {
      const id = batch[i] as string;
      read.set(id, await readSighting(run, id));
    });
    const settled = batch.filter((id) => read.get(id) && read.get(id)?.status !== 'pending');
    for (const id of settled) states.set(id, read.get(id) as SightingState);
    pending = pending.filter((id) => !settled.includes(id));
    if (settled.length > 0) lastProgress = performance.now();
    if (settled.length < batch.length) await sleep(2000);
  }
  for (const id of pending) states.set(id, { status: 'pending', matches: [] });
  return states;
}

/** Re-reads every settled sighting: matching a later registration against earlier sightings can add matches. */
async function reread(run: Run, states: Map<string, SightingState>) {
  const ids = [...states].filter(([, state]) => state.status !== 'pending').map(([id]) => id);
  await pool(ids.length, run.options.concurrency, async (i) => {
    const id = ids[i] as string;
    const state = await readSighting(run, id);
    if (state) states.set(id, state);
  });
}

function owedAlerts(run: Run, states: Map<string, SightingState>): Owed[] {
  const ownerOf = new Map(run.registered.map((object) => [object.id, object.museum.org]));
  const owed: Owed[] = run.registered.map((object) => ({ alertId: `new-object:${object.id}`, event: 'new-object', ownerOrg: object.museum.org }));
  for (const state of states.values()) {
    for (const match of state.matches) owed.push({ alertId: `match:${match.id}`, event: 'match', ownerOrg: ownerOf.get(match.objectId) ?? '(not ours)' });
  }
  return owed;
}

const expectedBy = (subscriber: Subscriber, owed: Owed[]) => new Set(owed.filter(subscriber.owes).map((alert) => alert.alertId));
const complete = (subscriber: Subscriber, expected: Set<string>) => [...expected].every((id) => subscriber.inbox?.counts.has(id));

type Ending = 'complete' | 'stalled' | 'deadline';

const delivered = (subscribers: Subscriber[]) => subscribers.reduce((sum, subscriber) => sum + (subscriber.inbox?.counts.size ?? 0), 0);

/**
 * Waits until every subscriber holds all it is owed, the deadline passes, or nothing new has arrived for `stallMs`;
 * then a little longer, for late duplicates.
 */
async function awaitDelivery(subscribers: Subscriber[], owed: Owed[], deadline: number, stallMs = 90_000, graceMs = 5000): Promise<Ending> {
  let last = delivered(subscribers);
  let lastProgress = performance.now();
  while (performance.now() < deadline && performance.now() - lastProgress < stallMs) {
    if (subscribers.every((subscriber) => complete(subscriber, expectedBy(subscriber, owed)))) return sleep(graceMs).then(() => 'complete');
    await sleep(1000);
    if (delivered(subscribers) > last) [last, lastProgress] = [delivered(subscribers), performance.now()];
    if (Math.round(performance.now() / 1000) % 30 === 0) console.error(`  … ${last} distinct alerts received of ${subscribers.reduce((sum, subscriber) => sum + expectedBy(subscriber, owed).size, 0)} owed`);
  }
  await sleep(graceMs);
  return performance.now() - lastProgress >= stallMs ? 'stalled' : 'deadline';
}

/**
 * Matching a registration against earlier sightings goes on after the sightings settle, adding matches: re-read
 * them and wait for their alerts until a re-read finds nothing new, or the deadline.
 */
async function account(run: Run, subscribers: Subscriber[], states: Map<string, SightingState>, deadline: number): Promise<{ owed: Owed[]; ending: Ending }> {
  let owed = owedAlerts(run, states);
  for (;;) {
    const ending = await awaitDelivery(subscribers, owed, deadline);
    await reread(run, states);
    const next = owedAlerts(run, states);
    const grew = next.length > owed.length;
    owed = next;
    if (!grew || performance.now() >= deadline) return { owed, ending: grew ? 'deadline' : ending };
    console.error(`  … ${owed.length} alerts owed now; waiting for them`);
  }
}

type WebhookCheck = { expected: Set<string>; parked: number; redriven: number; delivered: Map<string, number>; stillDead: number; refused: number };

const registryAdmin: Caller = caller('admin', 'registry-operators');

async function deadLettersOf(run: Run, subscriptionId: string): Promise<string[]> {
  const reply = await run.api.call('GET /v1/admin/dead-letters', '/v1/admin/dead-letters', { as: registryAdmin });
  return ((reply?.body?.items ?? []) as { subscriptionId: string; alertId: string }[]).filter((item) => item.subscriptionId === subscriptionId).map((item) => item.alertId);
}

/** Polls `read` until `done` holds, nothing has changed for `stallMs`, or the deadline; returns the last value read. */
async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, size: (value: T) => number, deadline: number, stallMs = 90_000): Promise<T> {
  let value = await read();
  let [last, lastProgress] = [size(value), performance.now()];
  while (!done(value) && performance.now() < deadline && performance.now() - lastProgress < stallMs) {
    await sleep(2000);
    value = await read();
    if (size(value) !== last) [last, lastProgress] = [size(value), performance.now()];
  }
  return value;
}

/** Waits for every alert the webhook is owed to be parked, brings the webhook back, redrives, and counts what arrives. */
async function bringBack(run: Run, webhook: DownWebhook, owed: Owed[], deadline: number): Promise<WebhookCheck> {
  const subscriptionId = webhook.subscriptionId ?? '';
  const expected = new Set(owed.filter((alert) => alert.event === 'new-object').map((alert) => alert.alertId));
  const parked = await pollUntil(() => deadLettersOf(run, subscriptionId), (ids) => [...expected].every((id) => ids.includes(id)), (ids) => ids.length, deadline);
  const refused = webhook.receiver.calls.length;
  webhook.receiver.answerWith(() => 204);
  const reply = await run.api.call('POST /v1/admin/dead-letters/redrive', '/v1/admin/dead-letters/redrive', { as: registryAdmin, body: { subscriptionId } });
  const accepted = () => webhook.receiver.accepted().map((call) => (JSON.parse(call.body) as { alertId: string }).alertId);
  await pollUntil(async () => accepted(), (ids) => [...expected].every((id) => ids.includes(id)), (ids) => ids.length, deadline);
  // Time for a duplicate to show, if there were one.
  await sleep(5000);
  const delivered = new Map<string, number>();
  for (const id of accepted()) delivered.set(id, (delivered.get(id) ?? 0) + 1);
  return { expected, parked: parked.length, redriven: (reply?.body?.redriven as number | undefined) ?? 0, delivered, stillDead: (await deadLettersOf(run, subscriptionId)).length, refused };
}

type ObjectCheck = { readable: number; unreadable: string[]; images: Record<string, number> };

/** Reads back every object written: it must be there, with its inventory number, and its photo no longer pending. */
async function readBack(run: Run): Promise<ObjectCheck> {
  const check: ObjectCheck = { readable: 0, unreadable: [], images: {} };
  const investigator = run.investigators[0] as Caller;
  await pool(run.registered.length, run.options.concurrency, async (i) => {
    const object = run.registered[i] as Registered;
    const reply = await run.api.call('GET /v1/objects/{id}', `/v1/objects/${object.id}`, { as: investigator });
    const markings = (reply?.body?.markings ?? []) as { text: string }[];
    if (reply?.status === 200 && markings.some((marking) => marking.text === object.number)) check.readable++;
    else check.unreadable.push(`${object.id} (${reply?.status ?? 'no answer'})`);
    for (const image of (reply?.body?.images ?? []) as { status: string }[]) check.images[image.status] = (check.images[image.status] ?? 0) + 1;
  });
  return check;
}

// ---------------------------------------------------------------------------------------------------------------
// Printing

const fixed = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : '-');

function printRequests(title: string, samples: Sample[], wallMs?: number) {
  console.log(`\n${title}: ${samples.length} requests${wallMs ? ` in ${fixed(wallMs / 1000, 1)} s = ${fixed(samples.length / (wallMs / 1000), 1)} requests/s` : ''}`);
  const routes = [...new Set(samples.map((sample) => sample.route))].sort();
  console.log(`  ${'route'.padEnd(34)} ${'count'.padStart(6)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)}   errors`);
  for (const route of routes) {
    const mine = samples.filter((sample) => sample.route === route);
    const times = mine.map((sample) => sample.ms);
    const errors = new Map<number, number>();
    for (const sample of mine) if (sample.status === 0 || sample.status >= 400) errors.set(sample.status, (errors.get(sample.status) ?? 0) + 1);
    const shown = [...errors].map(([status, count]) => `${status === 0 ? 'no answer' : status}×${count}`).join(' ') || '0';
    console.log(
      `  ${route.padEnd(34)} ${String(mine.length).padStart(6)} ${fixed(percentile(times, 50)).padStart(8)} ${fixed(percentile(times, 99)).padStart(8)} ${fixed(times.reduce((a, b) => Math.max(a, b), 0)).padStart(8)}   ${shown}`,
    );
  }
  const throttled = samples.filter((sample) => sample.status === 429).length;
  const failed = samples.filter((sample) => sample.status === 0 || (sample.status >= 400 && sample.status !== 429)).length;
  console.log(`  errors: ${failed} (other than 429)   throttled (429): ${throttled}`);
}

function printSightings(run: Run, states: Map<string, SightingState>) {
  const byStatus = new Map<string, number>();
  for (const state of states.values()) byStatus.set(state.status, (byStatus.get(state.status) ?? 0) + 1);
  const shown = ['matched', 'no-match', 'failed', 'pending'].map((status) => `${status === 'pending' ? 'still pending' : status} ${byStatus.get(status) ?? 0}`);
  console.log(`\nsightings: ${run.sightings.length} accepted — ${shown.join('   ')}`);
  const intended = run.sightings.filter((sighting) => sighting.intent === 'match');
  const found = intended.filter((sighting) => states.get(sighting.id)?.matches.some((match) => match.objectId === sighting.objectId)).length;
  const strays = run.sightings.filter((sighting) => sighting.intent === 'none' && (states.get(sighting.id)?.matches.length ?? 0) > 0).length;
  console.log(`  describing a registered object: ${intended.length}, matched to it: ${found}   describing nothing registered: ${run.sightings.length - intended.length}, matched anyway: ${strays}`);
  const matches = [...states.values()].reduce((sum, state) => sum + state.matches.length, 0);
  console.log(`  matches decided by the registry: ${matches}`);
  // A sighting quotes one object's inventory number: other objects it matches are look-alikes, told by their scores.
  const scores = (own: boolean) =>
    intended.flatMap((sighting) => (states.get(sighting.id)?.matches ?? []).filter((match) => (match.objectId === sighting.objectId) === own).map((match) => match.score));
  const [ownScores, otherScores] = [scores(true), scores(false)];
  console.log(
    `  score of the object described p50 ${fixed(percentile(ownScores, 50), 2)}; of ${otherScores.length} other objects matched by the same sightings p50 ${fixed(percentile(otherScores, 50), 2)} max ${fixed(otherScores.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY), 2)}`,
  );
}

type Delivery = { name: string; expected: number; delivered: number; lost: string[]; duplicated: string[]; unexpected: string[] };

function deliveryOf(subscriber: Subscriber, owed: Owed[]): Delivery {
  const expected = expectedBy(subscriber, owed);
  const counts = subscriber.inbox?.counts ?? new Map<string, number>();
  return {
    name: subscriber.name,
    expected: expected.size,
    delivered: [...expected].filter((id) => counts.has(id)).length,
    lost: [...expected].filter((id) => !counts.has(id)),
    duplicated: [...counts].filter(([, count]) => count > 1).map(([id, count]) => `${id}×${count}`),
    unexpected: [...counts.keys()].filter((id) => !expected.has(id)),
  };
}

function printDeliveries(deliveries: Delivery[], subscribers: Subscriber[]) {
  console.log('\nalerts per subscriber (expected from the registrations and the matches the registry decided):');
  for (const delivery of deliveries) {
    console.log(
      `  ${delivery.name.padEnd(36)} expected ${String(delivery.expected).padStart(6)}   delivered ${String(delivery.delivered).padStart(6)}   lost ${delivery.lost.length}   duplicated ${delivery.duplicated.length}   unexpected ${delivery.unexpected.length}`,
    );
    for (const [label, ids] of [['lost', delivery.lost], ['duplicated', delivery.duplicated], ['unexpected', delivery.unexpected]] as const) {
      if (ids.length > 0) console.log(`    ${label}: ${ids.slice(0, 10).join(', ')}${ids.length > 10 ? ` … (${ids.length})` : ''}`);
    }
  }
  const receiveErrors = subscribers.reduce((sum, subscriber) => sum + (subscriber.inbox?.receiveErrors.length ?? 0), 0);
  if (receiveErrors > 0) console.log(`  (the partner side had ${receiveErrors} receive errors: a duplicate may be ours, not the registry's)`);
}

function webhookDelivery(webhook: DownWebhook, check: WebhookCheck): Delivery {
  return {
    name: webhook.name,
    expected: check.expected.size,
    delivered: [...check.expected].filter((id) => check.delivered.has(id)).length,
    lost: [...check.expected].filter((id) => !check.delivered.has(id)),
    duplicated: [...check.delivered].filter(([, count]) => count > 1).map(([id, count]) => `${id}×${count}`),
    unexpected: [...check.delivered.keys()].filter((id) => !check.expected.has(id)),
  };
}

function printWebhook(check: WebhookCheck) {
  console.log(
    `  (webhook down for the run: ${check.refused} attempts refused, ${check.parked} alerts parked in the dead letters, ${check.redriven} redriven when it was back, ${check.stillDead} still dead after)`,
  );
}

function printObjects(run: Run, check: ObjectCheck) {
  const images = Object.entries(check.images).map(([status, count]) => `${status} ${count}`).join(', ') || 'none';
  console.log(`\nobjects: written ${run.registered.length}   readable ${check.readable}   unreadable ${check.unreadable.length}${check.unreadable.length ? ` (${check.unreadable.slice(0, 10).join(', ')})` : ''}`);
  console.log(`  photos: ${run.photos.filter((photo) => photo.uploaded).length} uploaded; images now ${images}`);
}

// ---------------------------------------------------------------------------------------------------------------

async function main() {
  const options = optionsFrom(process.argv.slice(2));
  const tag = Date.now().toString(36);
  const log = requestLog();
  const random = seededRandom(options.seed);
  console.log(
    `load: ${options.reports} sightings, ${options.objects} registrations, ${options.photos} photos, ${options.searches} searches at concurrency ${options.concurrency}` +
      ` on ${options.url ?? 'a stack of its own'} (${availableParallelism()} cores, run ${tag})`,
  );
  const target = await targetOf(options);
  const museums = [0, 1, 2, 3].map((n) => caller('museum', `load-${tag}-museum-${n}`));
  const run: Run = {
    options,
    log,
    api: api(log, target.url),
    random,
    tag,
    museums,
    investigators: [caller('police', `load-${tag}-police`), caller('customs', `load-${tag}-customs`)],
    registered: [],
    sightings: [],
    photos: [],
    photoBytes: syntheticObjects(options.photos, options.seed).map((object) => registeredPhoto(object)),
    nextObject: 0,
  };
  const subscribers = subscribersOf(tag, museums[0] as Caller);
  let webhook: DownWebhook | undefined;
  try {
    await subscribe(run, target, subscribers);
    webhook = await downWebhook(run);
    await Promise.all(run.photoBytes);
    const setup = log.samples.length;
    const wallMs = await drive(run);
    const loadSamples = log.samples.slice(setup);
    printRequests('load', loadSamples, wallMs);

    console.error('  … waiting for the matcher and the alerts');
    const deadline = performance.now() + options.settleSeconds * 1000;
    const accountingStart = log.samples.length;
    const settleStarted = performance.now();
    const states = await settle(run, deadline);
    const settleMs = performance.now() - settleStarted;
    const { owed, ending } = await account(run, subscribers, states, deadline);
    const webhookCheck = await bringBack(run, webhook, owed, deadline);
    const accountedMs = performance.now() - settleStarted;
    const objects = await readBack(run);
    for (const subscriber of subscribers) await subscriber.inbox?.stop();

    printRequests('accounting reads', log.samples.slice(accountingStart));
    console.log(`  sightings settled ${fixed(settleMs / 1000, 1)} s after the load ended; alerts accounted ${fixed(accountedMs / 1000, 1)} s after it`);
    printSightings(run, states);
    const deliveries = [...subscribers.map((subscriber) => deliveryOf(subscriber, owed)), webhookDelivery(webhook, webhookCheck)];
    printDeliveries(deliveries, subscribers);
    printWebhook(webhookCheck);
    if (ending === 'deadline') console.log('  the deadline (--settle-seconds) passed while alerts were still arriving: "lost" includes alerts still in flight');
    if (ending === 'stalled') console.log('  no alert arrived in the last 90 s before giving up: the lost ones are not merely late');
    printObjects(run, objects);
    if (log.failures.length > 0) console.log(`\nrequests without an answer: ${log.failures.slice(0, 5).join('; ')}${log.failures.length > 5 ? ' …' : ''}`);

    const stuck = [...states.values()].filter((state) => state.status === 'pending' || state.status === 'failed').length;
    const bad =
      deliveries.some((delivery) => delivery.lost.length + delivery.duplicated.length > 0) || stuck > 0 || objects.unreadable.length > 0 || webhookCheck.stillDead > 0;
    console.log(`\n${bad ? 'FAIL: alerts lost or duplicated, sightings stuck or failed, objects unreadable, or dead letters left' : 'OK: every sighting settled, every alert delivered once, every object readable'}`);
    process.exitCode = bad ? 1 : 0;
  } finally {
    for (const subscriber of subscribers) await subscriber.inbox?.stop().catch(() => {});
    await webhook?.receiver.close();
    await target.stop();
  }
}

await main();
