// Market screening on the local stack: lots screened per minute from an RSS feed of N lots, with the time of each stage
// (fetch and queue, sightings written, matched); baseline: the same lots reported by hand with POST /v1/sightings, four
// at a time, and matched, in the same run. Registry: 20 registered objects; lots carry text (a tenth a photo too).
// `node bench/screen.ts [lots]`
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { RegisterObject } from '../schemas/object-id.ts';
import { operatorsOrg, type Caller } from '../schemas/identity.ts';
import type { FeedView } from '../schemas/feeds.ts';
import { caller, greekIcon, italianPainting, malianTerracotta, mughalFolio } from '../test/fixtures/objects.ts';
import { fieldPhoto, syntheticObjects } from '../test/fixtures/photo-corpus.ts';
import { apiClient, postToPresignedUpload, type Reply } from '../test/support/api.ts';
import { feedServer, type ServedLot } from '../test/support/feed-server.ts';
import { launchLocalStack } from '../test/support/local-stack.ts';
import { until } from '../test/support/until.ts';

const lotCount = Number(process.argv[2] ?? 200);
const photoEvery = 10;

const dataDir = await mkdtemp(join(tmpdir(), 'bench-screen-'));
const stack = await launchLocalStack(dataDir);
const api = apiClient(stack.url);
const server = await feedServer();
const seconds = (ms: number) => `${(ms / 1000).toFixed(1).padStart(6)} s`;

const makers = ['Danish', 'Italian', 'Swedish', 'French', 'German', 'American', 'Dutch'];
const things = ['teak sideboard', 'chrome desk lamp', 'set of champagne coupes', 'rosewood lounge chair', 'enamel sign', 'folding camera', 'wristwatch', 'glass pendant light', 'oak bookcase'];

/** Lots of a sale, `prefix` keeping two sales apart; each tenth with a photo of an object nobody registered. */
async function saleOf(prefix: string): Promise<ServedLot[]> {
  const photos = syntheticObjects(Math.ceil(lotCount / photoEvery), prefix.length * 7919, 0, `bench-${prefix}`);
  const lots: ServedLot[] = [];
  for (let n = 0; n < lotCount; n++) {
    const photo = n % photoEvery === 0 ? photos[n / photoEvery] : undefined;
    if (photo) server.image(`/img/${prefix}-${n}.jpg`, await fieldPhoto(photo, 'crop', n));
    lots.push({
      path: `/${prefix}/lots/${n}`,
      title: `Lot ${n}: ${makers[n % makers.length]} ${things[n % things.length]}`,
      description: `Made in ${1940 + (n % 50)}, ${n % 3 === 0 ? 'restored' : 'original condition'}, from the collection of a design dealer.`,
      ...(photo ? { images: [`/img/${prefix}-${n}.jpg`] } : {}),
      saleDate: '2026-12-05',
    });
  }
  return lots;
}

try {
  const museum = caller('museum', 'bench-screen-museum');
  const fixtures = [greekIcon, italianPainting, malianTerracotta, mughalFolio];
  for (let i = 0; i < 20; i++) {
    const record = RegisterObject.parse({ ...fixtures[i % fixtures.length], markings: [{ kind: 'inventory-number', text: `INV ${String(70_000 + i * 7919)}` }] });
    const reply = await api.call('POST', '/v1/objects', { as: museum, body: record });
    if (reply.status !== 201) throw new Error(`registering failed: ${JSON.stringify(reply.body)}`);
  }

  // Baseline: the lots of one sale reported one by one, four at a time, as a person at the API would, until matched. A
  // customs officer reports them: the market role's 120 requests a minute would pace the baseline, not the registry.
  const monitor = caller('market', 'bench-screen-monitor');
  const reporter = caller('customs', 'bench-screen-customs');
  const police = caller('police', 'bench-screen-police');
  const admin: Caller = { sub: 'bench', org: operatorsOrg, role: 'admin' };
  const byHand = await saleOf('hand');
  const baselineStarted = performance.now();
  const ids: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < byHand.length) {
        const lot = byHand[next++]!;
        const imageKeys: string[] = [];
        for (const image of lot.images ?? []) {
          const grant = await api.call('POST', '/v1/uploads', { as: reporter, body: { contentType: 'image/jpeg' } });
          const bytes = await (await fetch(`${server.base}${image}`)).bytes();
          await postToPresignedUpload(grant.body, bytes, 'image/jpeg');
          imageKeys.push(grant.body.imageKey);
        }
        const reply = await api.call('POST', '/v1/sightings', {
          as: reporter,
          body: { channel: 'auction', text: `${lot.title}\n${lot.description}`, ...(imageKeys.length > 0 ? { imageKeys } : {}), seenAt: { date: '2026-12-05', country: 'FR' }, sourceUrl: `${server.base}${lot.path}` },
        });
        if (reply.status !== 202) throw new Error(`reporting failed: ${JSON.stringify(reply.body)}`);
        ids.push(reply.body.id as string);
      }
    }),
  );
  const baselineReported = performance.now();
  const pending = new Set(ids);
  await until(
    async () => {
      for (const id of [...pending]) {
        const reply = await api.call('GET', `/v1/sightings/${id}`, { as: police });
        if (reply.body.status !== 'pending') pending.delete(id);
      }
      return pending.size;
    },
    (left) => left === 0,
    30 * 60_000,
    250,
  );
  const baselineMatched = performance.now();

  // The feed: the same number of lots in one RSS document, one run started by hand.
  const sale = await saleOf('feed');
  const created = await api.call('POST', '/v1/feeds', {
    as: monitor,
    body: { name: 'Bench sale', url: server.rss('/sale.xml', 'Bench sale', () => sale), format: 'rss', schedule: 'rate(1 day)', country: 'FR', mapping: { saleDate: 'pubDate' } },
  });
  if (created.status !== 201) throw new Error(`creating the feed failed: ${JSON.stringify(created.body)}`);
  const feedId = created.body.id as string;
  const started = performance.now();
  const runReply = await api.call('POST', `/v1/feeds/${feedId}/runs`, { as: monitor });
  const runId = runReply.body.runId as string;
  let fetchedAt: number | undefined;
  let writtenAt: number | undefined;
  const last = await until(
    async () => {
      // Read as an admin, who may read any feed: polling four times a second is beyond a market partner's limit.
      const reply: Reply<FeedView> = await api.call('GET', `/v1/feeds/${feedId}`, { as: admin });
      const run = reply.body.runs?.find((candidate) => candidate.id === runId);
      if (run && run.lotsSeen > 0) fetchedAt ??= performance.now();
      if (run && run.status !== 'running') writtenAt ??= performance.now();
      return run;
    },
    (run) => Boolean(run && run.status !== 'running' && run.pendingMatching === 0),
    30 * 60_000,
    250,
  );
  const matchedAt = performance.now();
  if (!last || last.sightings !== lotCount) throw new Error(`the run wrote ${last?.sightings} sightings of ${lotCount} lots: ${JSON.stringify(last)}`);

  const feedMs = matchedAt - started;
  const baselineMs = baselineMatched - baselineStarted;
  const perMinute = (ms: number) => (lotCount / (ms / 60_000)).toFixed(0);
  const fetchMs = (fetchedAt ?? matchedAt) - started;
  const writeMs = (writtenAt ?? matchedAt) - (fetchedAt ?? started);
  const matchMs = matchedAt - (writtenAt ?? matchedAt);
  console.log(`market screening, ${lotCount} lots (${Math.ceil(lotCount / photoEvery)} with a photo), ${availableParallelism()} cores, load ${loadavg()[0]?.toFixed(1)}`);
  console.log(`feed run: ${perMinute(feedMs)} lots/min (${seconds(feedMs)} from POST /v1/feeds/{id}/runs to the last sighting matched)`);
  console.log(`  fetch and queue: ${seconds(fetchMs)}   sightings written: ${seconds(writeMs)}   matching after the last sighting: ${seconds(matchMs)}`);
  console.log(`  ${last.matched} matched, ${last.errorCount} errors`);
  console.log(`baseline, POST /v1/sightings by hand, 4 at a time: ${perMinute(baselineMs)} lots/min (reported in ${seconds(baselineReported - baselineStarted)}, matched ${seconds(baselineMatched - baselineReported)} later)`);
  const writtenMs = (writtenAt ?? matchedAt) - started;
  const reportedMs = baselineReported - baselineStarted;
  console.log(`ratio to baseline: ${(baselineMs / feedMs).toFixed(2)}x the lots per minute end to end; lots in as sightings in ${(writtenMs / reportedMs).toFixed(2)}x the time of reporting them by hand`);
} catch (error) {
  // What the local stack logged is what explains a failure here.
  console.error(stack.output().split('\n').filter((line) => /error|fail/i.test(line)).slice(-20).join('\n'));
  throw error;
} finally {
  await server.close();
  await stack.stop();
  await rm(dataDir, { recursive: true, force: true });
}
