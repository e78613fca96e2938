// `npm start` killed outright (SIGKILL, every process it started) while sightings are being matched and alerted,
// then started again on the same data: every sighting ends matched, and the subscriber gets each match alert once.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { Caller } from '../../schemas/identity.ts';
import { RegisterObject } from '../../schemas/object-id.ts';
import { apiClient } from '../support/api.ts';
import { freePort, launchLocalStack, type LaunchedStack } from '../support/local-stack.ts';
import { partnerQueue } from '../support/partners.ts';
import { until } from '../support/until.ts';
import { greekIcon } from '../fixtures/objects.ts';

const run = randomUUID().slice(0, 8);
const museum: Caller = { sub: 'registrar', org: `museum-killed-${run}`, role: 'museum' };
const police: Caller = { sub: 'analyst', org: `police-killed-${run}`, role: 'police' };
const customs: Caller = { sub: 'officer', org: `customs-killed-${run}`, role: 'customs' };

/** The process and every process under it, children first. */
function processTree(pid: number): number[] {
  // ps exits 1 when there are none.
  const children = spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).stdout.split('\n').map(Number).filter(Boolean);
  return [...children.flatMap(processTree), pid];
}

let dataDir = '';
let stack: LaunchedStack | undefined;
afterAll(async () => {
  await stack?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

it('matches every sighting and alerts each match once after being killed mid-run and restarted', async () => {
  // Arrange
  dataDir = await mkdtemp(join(tmpdir(), 'registry-killed-'));
  const ports = { port: await freePort(), dynamoPort: await freePort(), fauxqsPort: await freePort() };
  stack = await launchLocalStack(dataDir, ports);
  let api = apiClient(stack.url);
  const objects: { id: string; number: string }[] = [];
  for (let n = 0; n < 4; n++) {
    const number = `ΚΑΣ ${7100 + n * 37}`;
    const created = await api.call('POST', '/v1/objects', { as: museum, body: RegisterObject.parse({ ...greekIcon, markings: [{ kind: 'inventory-number', text: number }] }) });
    expect(created.status).toBe(201);
    objects.push({ id: created.body.id as string, number });
  }
  const queueName = `partner-killed-${run}`;
  const queue = await partnerQueue(stack.awsEndpoint, queueName);
  const subscribed = await api.call('POST', '/v1/subscriptions', { as: police, body: { name: 'Matches', delivery: { type: 'sqs', queueArn: queue.arn }, filter: { events: ['match'] } } });
  expect(subscribed.status).toBe(201);
  queue.close();

  // Act: sightings go in, and the whole system dies under them
  const sightingIds = await Promise.all(
    Array.from({ length: 16 }, async (_, n) => {
      const object = objects[n % objects.length];
      const reply = await api.call('POST', '/v1/sightings', {
        as: customs,
        body: { channel: 'customs', lang: 'en', text: `Post-Byzantine icon of Saint Nicholas blessing, inscribed Ο ΑΓΙΟΣ ΝΙΚΟΛΑΟΣ, inventory ${object?.number}`, seenAt: { date: '2026-11-20', country: 'AL' } },
      });
      expect(reply.status).toBe(202);
      return reply.body.id as string;
    }),
  );
  const beforeKill = await Promise.all(sightingIds.map((id) => api.call('GET', `/v1/sightings/${id}`, { as: customs })));
  const pendingAtKill = beforeKill.filter((reply) => reply.body.status === 'pending').length;
  const pid = stack.child.pid ?? 0;
  for (const victim of processTree(pid)) process.kill(victim, 'SIGKILL');
  await new Promise((resolve) => stack?.child.once('exit', resolve));
  stack = await launchLocalStack(dataDir, ports);
  api = apiClient(stack.url);
  const settled = await Promise.all(
    sightingIds.map((id) => until(() => api.call('GET', `/v1/sightings/${id}`, { as: customs }), (reply) => reply.body.status !== 'pending', 90_000, 500)),
  );
  const expected = settled.flatMap((reply) => (reply.body.matches as { id: string; score: number }[]).filter((match) => match.score >= 0.6).map((match) => `match:${match.id}`));
  const after = await partnerQueue(stack.awsEndpoint, queueName);
  await after.until((messages) => messages.length >= expected.length, 60_000);
  await after.drain(3000);
  after.close();

  // Assert: the kill did catch work in flight
  expect(pendingAtKill).toBeGreaterThan(0);
  expect(settled.map((reply) => reply.body.status)).toEqual(Array(sightingIds.length).fill('matched'));
  expect(expected.length).toBeGreaterThanOrEqual(sightingIds.length);
  expect(after.received.map((message) => message.body.alertId).sort()).toEqual(expected.sort());
}, 240_000);
