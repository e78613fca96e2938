// Alerts end to end on the local stack: subscriptions through the API, alerts from the table stream through SNS
// filter policies to partners' queues, signed webhooks with retries and dead letters, email files and the pull feed.
import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Caller } from '../../schemas/identity.ts';
import { RegisterObject } from '../../schemas/object-id.ts';
import { verifySignature } from '../../functions/alerts/signature.ts';
import { apiClient } from '../support/api.ts';
import { until } from '../support/until.ts';
import { partnerQueue, webhookReceiver } from '../support/partners.ts';
import { greekIcon, inventoryNumberOf, italianPainting } from '../fixtures/objects.ts';

const api = apiClient(inject('apiUrl'));
const awsEndpoint = inject('awsEndpoint');
const run = randomUUID().slice(0, 8);
const museum: Caller = { sub: 'registrar-1', org: `museum-alerts-${run}`, role: 'museum' };
const police: Caller = { sub: 'analyst-1', org: `police-alerts-${run}`, role: 'police' };
const customs: Caller = { sub: 'officer-1', org: `customs-alerts-${run}`, role: 'customs' };
const admin: Caller = { sub: 'admin-1', org: 'registry-operators', role: 'admin' };

// Other test files register the same fixtures at the same time: each test here filters on an object type of its own.
const typeFor = (label: string) => `${label} ${run}`;
const objectOf = (record: RegisterObject, objectType: string, country?: string) =>
  RegisterObject.parse({ ...record, objectType, ...(country ? { incident: { ...record.incident, country } } : {}) });

async function register(body: RegisterObject): Promise<string> {
  const reply = await api.call('POST', '/v1/objects', { as: museum, body });
  expect(reply.status).toBe(201);
  return reply.body.id as string;
}

async function subscribe(as: Caller, body: unknown) {
  const reply = await api.call('POST', '/v1/subscriptions', { as, body });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body as { id: string; version: number; signingSecret?: string; status: string };
}

const receivers: { close(): unknown }[] = [];
afterAll(async () => {
  await Promise.all(receivers.map((receiver) => receiver.close()));
});

describe('subscriptions through the API', () => {
  it('are scoped to the caller organisation, refuse bad input with the field, and refuse the public', async () => {
    // Arrange
    const created = await subscribe(police, { name: 'Polled', delivery: { type: 'feed' }, filter: { events: ['new-object'] } });

    // Act
    const own = await api.call('GET', `/v1/subscriptions/${created.id}`, { as: police });
    const other = await api.call('GET', `/v1/subscriptions/${created.id}`, { as: customs });
    const listed = await api.call('GET', '/v1/subscriptions', { as: customs });
    const invalid = await api.call('POST', '/v1/subscriptions', { as: police, body: { name: 'x', delivery: { type: 'webhook', url: 'ftp://x' }, filter: { events: [] } } });
    const publicCaller = await api.call('POST', '/v1/subscriptions', {
      as: { sub: 'someone', org: 'public', role: 'public' },
      body: { name: 'x', delivery: { type: 'feed' }, filter: { events: ['new-object'] } },
    });

    // Assert
    expect(own.status).toBe(200);
    expect(own.headers.get('etag')).toBe('"1"');
    expect(other.status).toBe(404);
    expect(listed.body.items.map((item: { id: string }) => item.id)).not.toContain(created.id);
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.fields.map((field: { path: string }) => field.path)).toEqual(expect.arrayContaining(['delivery.url', 'filter.events']));
    expect(publicCaller.status).toBe(403);
  });
});

describe('alerts to SQS subscribers', () => {
  let greekQueue: Awaited<ReturnType<typeof partnerQueue>>;
  let italianQueue: Awaited<ReturnType<typeof partnerQueue>>;
  const objectType = typeFor('icon-by-country');

  beforeAll(async () => {
    greekQueue = await partnerQueue(awsEndpoint, `partner-gr-${run}`);
    italianQueue = await partnerQueue(awsEndpoint, `partner-it-${run}`);
    receivers.push(greekQueue, italianQueue);
    await subscribe(police, { name: 'Losses in Greece', delivery: { type: 'sqs', queueArn: greekQueue.arn }, filter: { events: ['new-object', 'status-change'], countries: ['GR'], objectTypes: [objectType] } });
    await subscribe(police, { name: 'Losses in Italy', delivery: { type: 'sqs', queueArn: italianQueue.arn }, filter: { events: ['new-object'], countries: ['IT'], objectTypes: [objectType] } });
  });

  it("deliver each subscription its own country's alerts only, raw, without restricted fields", async () => {
    // Arrange
    const greek = await register(objectOf(greekIcon, objectType, 'GR'));
    const italian = await register(objectOf(italianPainting, objectType, 'IT'));

    // Act
    await greekQueue.until((messages) => messages.length >= 1);
    await italianQueue.until((messages) => messages.length >= 1);
    await greekQueue.drain(1500);

    // Assert
    expect(greekQueue.received.map((message) => message.body.alertId)).toEqual([`new-object:${greek}`]);
    expect(italianQueue.received.map((message) => message.body.alertId)).toEqual([`new-object:${italian}`]);
    const [message] = greekQueue.received;
    expect(message?.body).toMatchObject({ schemaVersion: 1, event: 'new-object', object: { id: greek, country: 'GR', status: 'stolen' } });
    expect(message?.attributes).toMatchObject({ event: 'new-object', country: 'GR' });
    expect(JSON.stringify(message?.body)).not.toContain(greekIcon.policeReference);
  });

  it('tell subscribers when an object is recovered', async () => {
    // Arrange
    const id = await register(objectOf(greekIcon, objectType, 'GR'));
    await greekQueue.until((messages) => messages.some((message) => message.body.alertId === `new-object:${id}`));

    // Act
    const changed = await api.call('POST', `/v1/objects/${id}/status`, { as: museum, body: { status: 'recovered', note: 'Seized at Kakavia' } });
    const messages = await greekQueue.until((received) => received.some((message) => message.body.event === 'status-change' && message.body.object.id === id));

    // Assert
    expect(changed.status).toBe(200);
    expect(messages.find((message) => message.body.event === 'status-change')?.body).toMatchObject({ statusChange: { from: 'stolen', to: 'recovered' } });
    expect(JSON.stringify(messages.map((message) => message.body))).not.toContain('Seized at Kakavia');
  });

  it('follow a changed filter, and stop after the subscription ends', async () => {
    // Arrange
    const queue = await partnerQueue(awsEndpoint, `partner-change-${run}`);
    receivers.push(queue);
    const type = typeFor('painting-change');
    const created = await subscribe(customs, { name: 'Italy', delivery: { type: 'sqs', queueArn: queue.arn }, filter: { events: ['new-object'], countries: ['IT'], objectTypes: [type] } });

    // Act
    const edited = await api.call('PATCH', `/v1/subscriptions/${created.id}`, { as: customs, headers: { 'if-match': '"1"' }, body: { filter: { events: ['new-object'], countries: ['GR'], objectTypes: [type] } } });
    const stale = await api.call('PATCH', `/v1/subscriptions/${created.id}`, { as: customs, headers: { 'if-match': '"1"' }, body: { name: 'late' } });
    const greek = await register(objectOf(greekIcon, type, 'GR'));
    await register(objectOf(italianPainting, type, 'IT'));
    await queue.until((messages) => messages.length >= 1);
    const ended = await api.call('DELETE', `/v1/subscriptions/${created.id}`, { as: customs });
    await register(objectOf(greekIcon, type, 'GR'));
    await queue.drain(2000);

    // Assert
    expect(edited.status).toBe(200);
    expect(stale.status).toBe(409);
    expect(ended.status).toBe(204);
    expect(queue.received.map((message) => message.body.alertId)).toEqual([`new-object:${greek}`]);
  });

  it('alert a police unit to a match above its minimum score, seen in its country', async () => {
    // Arrange
    const queue = await partnerQueue(awsEndpoint, `partner-match-${run}`);
    receivers.push(queue);
    const type = typeFor('icon-match');
    const inventory = inventoryNumberOf(run);
    const id = await register(RegisterObject.parse({ ...objectOf(greekIcon, type), markings: [{ kind: 'inventory-number', text: inventory }] }));
    await subscribe(police, { name: 'Matches seen in Albania', delivery: { type: 'sqs', queueArn: queue.arn }, filter: { events: ['match'], countries: ['AL'], minScore: 0.6 } });

    // Act
    const sighting = await api.call('POST', '/v1/sightings', {
      as: customs,
      body: {
        channel: 'customs',
        lang: 'en',
        text: `Post-Byzantine icon of Saint Nicholas, blessing, closed Gospel, gold ground, inscription O AGIOS NIKOLAOS, inventory ${inventory} on the back, crack on the left`,
        seenAt: { date: '2026-11-20', country: 'AL', place: 'Kakavia border crossing' },
      },
    });
    const messages = await queue.until((received) => received.some((message) => message.body.object.id === id));

    // Assert
    expect(sighting.status).toBe(202);
    const alert = messages.find((message) => message.body.object.id === id)?.body;
    expect(alert).toMatchObject({ event: 'match', match: { sighting: { id: sighting.body.id, seenAt: { country: 'AL' } } }, object: { country: 'GR' } });
    expect(alert.match.score).toBeGreaterThanOrEqual(0.6);
    expect(alert.match.reasons.length).toBeGreaterThan(0);
  });
});

describe('webhooks', () => {
  it('receive a body signed with the secret shown once; a tampered body fails verification', async () => {
    // Arrange
    const receiver = await webhookReceiver();
    receivers.push(receiver);
    const type = typeFor('webhook-signed');
    const created = await subscribe(police, { name: 'Hook', delivery: { type: 'webhook', url: receiver.url }, filter: { events: ['new-object'], objectTypes: [type] } });

    // Act
    const id = await register(objectOf(greekIcon, type));
    await until(() => receiver.calls.length, (count) => count >= 1);
    const read = await api.call('GET', `/v1/subscriptions/${created.id}`, { as: police });

    // Assert
    const [call] = receiver.calls;
    const header = String(call?.headers['x-registry-signature']);
    const now = Math.floor(Date.now() / 1000);
    expect(created.signingSecret).toBeDefined();
    expect(read.body.signingSecret).toBeUndefined();
    expect(JSON.parse(call?.body ?? '{}')).toMatchObject({ alertId: `new-object:${id}` });
    expect(call?.headers['x-registry-alert-id']).toBe(`new-object:${id}`);
    expect(verifySignature(created.signingSecret ?? '', header, call?.body ?? '', now)).toBe(true);
    expect(verifySignature(created.signingSecret ?? '', header, (call?.body ?? '').replace(id, randomUUID()), now)).toBe(false);
  });

  it('retry a receiver that fails three times with growing delays, and deliver exactly once', async () => {
    // Arrange
    const receiver = await webhookReceiver((call) => (call <= 3 ? 503 : 200));
    receivers.push(receiver);
    const type = typeFor('webhook-retry');
    await subscribe(police, { name: 'Flaky hook', delivery: { type: 'webhook', url: receiver.url }, filter: { events: ['new-object'], objectTypes: [type] } });

    // Act
    await register(objectOf(greekIcon, type));
    await until(() => receiver.accepted().length, (count) => count >= 1, 40_000);
    await new Promise((resolve) => setTimeout(resolve, 3000));

    // Assert
    expect(receiver.calls.map((call) => call.status)).toEqual([503, 503, 503, 200]);
    expect(receiver.accepted()).toHaveLength(1);
    const gaps = receiver.calls.slice(1).map((call, i) => call.at - (receiver.calls[i]?.at ?? 0));
    expect(gaps[1]).toBeGreaterThan(gaps[0] ?? 0);
    expect(gaps[2]).toBeGreaterThan(gaps[1] ?? 0);
  }, 60_000);

  it('park an alert in the dead letters after the last attempt, for an admin to list and redrive', async () => {
    // Arrange
    const receiver = await webhookReceiver(() => 500);
    receivers.push(receiver);
    const type = typeFor('webhook-dead');
    const created = await subscribe(police, { name: 'Broken hook', delivery: { type: 'webhook', url: receiver.url }, filter: { events: ['new-object'], objectTypes: [type] } });
    const id = await register(objectOf(greekIcon, type));
    const dead = await until(
      () => api.call('GET', '/v1/admin/dead-letters', { as: admin }),
      (reply) => reply.body.items?.some((item: { subscriptionId: string }) => item.subscriptionId === created.id),
      60_000,
    );
    const attemptsBeforeRedrive = receiver.calls.length;

    // Act
    const byPolice = await api.call('POST', '/v1/admin/dead-letters/redrive', { as: police, body: { subscriptionId: created.id } });
    receiver.answerWith(() => 204);
    const redriven = await api.call('POST', '/v1/admin/dead-letters/redrive', { as: admin, body: { subscriptionId: created.id } });
    await until(() => receiver.accepted().length, (count) => count >= 1);
    const after = await api.call('GET', '/v1/admin/dead-letters', { as: admin });

    // Assert
    expect(dead.body.items.find((item: { subscriptionId: string }) => item.subscriptionId === created.id)).toMatchObject({ alertId: `new-object:${id}`, org: police.org, event: 'new-object' });
    expect(attemptsBeforeRedrive).toBe(5);
    expect(byPolice.status).toBe(403);
    expect(redriven.body).toEqual({ redriven: 1 });
    expect(receiver.accepted()).toHaveLength(1);
    expect(after.body.items.filter((item: { subscriptionId: string }) => item.subscriptionId === created.id)).toEqual([]);
  }, 90_000);

  it('park every alert of a run while the webhook is down, and deliver each exactly once when it is back and redriven', async () => {
    // Arrange
    const receiver = await webhookReceiver(() => 503);
    receivers.push(receiver);
    const type = typeFor('webhook-down');
    const created = await subscribe(police, { name: 'Down all day', delivery: { type: 'webhook', url: receiver.url }, filter: { events: ['new-object'], objectTypes: [type] } });
    const ids = await Promise.all(Array.from({ length: 12 }, () => register(objectOf(greekIcon, type))));
    const parked = (reply: { body: { items?: { subscriptionId: string; alertId: string }[] } }) =>
      (reply.body.items ?? []).filter((item) => item.subscriptionId === created.id).map((item) => item.alertId).sort();
    const dead = await until(() => api.call('GET', '/v1/admin/dead-letters', { as: admin }), (reply) => parked(reply).length >= ids.length, 90_000);

    // Act
    receiver.answerWith(() => 204);
    const redriven = await api.call('POST', '/v1/admin/dead-letters/redrive', { as: admin, body: { subscriptionId: created.id } });
    await until(() => receiver.accepted().length, (count) => count >= ids.length, 60_000);
    // Time for a duplicate to show, if there were one.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const after = await api.call('GET', '/v1/admin/dead-letters', { as: admin });

    // Assert
    const expected = ids.map((id) => `new-object:${id}`).sort();
    expect(parked(dead)).toEqual(expected);
    expect(receiver.calls.length - receiver.accepted().length).toBe(5 * ids.length);
    expect(redriven.body).toEqual({ redriven: ids.length });
    expect(receiver.accepted().map((call) => JSON.parse(call.body).alertId).sort()).toEqual(expected);
    expect(parked(after)).toEqual([]);
  }, 180_000);
});

describe('email and the pull feed', () => {
  it('write an email a person can open, for an email subscription', async () => {
    // Arrange
    const type = typeFor('email');
    const address = `duty-officer+${run}@police.example.gr`;
    await subscribe(police, { name: 'Duty officer', delivery: { type: 'email', address }, filter: { events: ['new-object'], objectTypes: [type] } });
    const mailDir = join(inject('dataDir'), 'mail');

    // Act
    const id = await register(objectOf(greekIcon, type));
    // Finished mails only: each is written to a hidden .tmp file first, then renamed.
    const files = await until(
      async () => (await readdir(mailDir).catch(() => [] as string[])).filter((file) => file.endsWith('.eml') && file.includes(`duty-officer`) && file.includes(run)),
      (found) => found.length >= 1,
    );
    const email = await readFile(join(mailDir, files[0] ?? ''), 'utf8');

    // Assert
    expect(email).toMatch(new RegExp(`^To: ${address.replace(/[+.]/g, '\\$&')}$`, 'm'));
    expect(email).toMatch(/^Subject: New stolen object: /m);
    expect(email).toContain(`"alertId": "new-object:${id}"`);
  });

  it("list the alerts the organisation's subscriptions matched, newest first, and nothing else", async () => {
    // Arrange
    const type = typeFor('feed');
    const org: Caller = { sub: 'monitor-1', org: `auction-feed-${run}`, role: 'market' };
    await subscribe(org, { name: 'Due diligence', delivery: { type: 'feed' }, filter: { events: ['new-object', 'status-change'], objectTypes: [type] } });
    const first = await register(objectOf(greekIcon, type));
    const second = await register(objectOf(italianPainting, type));
    await register(objectOf(italianPainting, typeFor('not-subscribed')));

    // Act
    const feed = await until(
      () => api.call('GET', '/v1/alerts?limit=1', { as: org }),
      (reply) => reply.body.items?.length === 1 && reply.body.items[0].object.id === second,
    );
    const next = await api.call('GET', `/v1/alerts?limit=5&cursor=${encodeURIComponent(feed.body.cursor)}`, { as: org });
    const otherOrg = await api.call('GET', '/v1/alerts', { as: customs });

    // Assert
    expect(next.body.items.map((alert: { object: { id: string } }) => alert.object.id)).toEqual([first]);
    expect(otherOrg.body.items.map((alert: { object: { id: string } }) => alert.object.id)).not.toContain(first);
  });
});
