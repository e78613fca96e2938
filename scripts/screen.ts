// Screens one market feed now, from the terminal: starts a run through the API and follows it until every lot it read
// has been made into a sighting and matched, with a progress line (lots read, sightings, matched, rate).
// `npm run screen -- --feed <id> [--org <org>] [--url http://…] [--token <JWT>]`
// Locally the dev issuer signs for --org (as a market partner), or for the registry's operators when no --org is given.
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import type { FeedRunView, FeedView } from '../schemas/feeds.ts';
import { operatorsOrg, type Caller } from '../schemas/identity.ts';
import { apiClient } from '../test/support/api.ts';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    feed: { type: 'string' },
    org: { type: 'string' },
    url: { type: 'string', default: process.env.REGISTRY_URL ?? 'http://127.0.0.1:3000' },
    token: { type: 'string', default: process.env.REGISTRY_TOKEN },
    timeout: { type: 'string', default: '600' },
  },
});

const line = (run: FeedRunView, seconds: number) =>
  `lots read ${run.lotsSeen} (${run.lotsNew} new, ${run.lotsUnchanged} unchanged) | sightings ${run.sightings} | matched ${run.matched}` +
  ` (${run.pendingMatching} being matched) | ${(run.sightings / Math.max(seconds, 0.001)).toFixed(1)} lots/s | errors ${run.errorCount}`;

async function main() {
  if (!values.feed) throw new Error('give --feed <id> (GET /v1/feeds lists them)');
  const api = apiClient(values.url);
  const caller: Caller = values.org ? { sub: 'screen', org: values.org, role: 'market' } : { sub: 'screen', org: operatorsOrg, role: 'admin' };
  const auth = values.token ? { bearer: values.token } : { as: caller };
  const started = performance.now();

  const reply = await api.call('POST', `/v1/feeds/${values.feed}/runs`, auth);
  if (reply.status !== 202) throw new Error(`POST /v1/feeds/${values.feed}/runs answered ${reply.status}: ${JSON.stringify(reply.body)}`);
  const runId = reply.body.runId as string;

  const bar = process.stdout.isTTY ? new SingleBar({ format: 'screen [{bar}] {value}/{total} lots | {line}', hideCursor: true }) : undefined;
  bar?.start(1, 0, { line: 'reading the feed' });
  let lastPrinted = 0;
  const deadline = Date.now() + Number(values.timeout) * 1000;
  let run: FeedRunView | undefined;
  let feed: FeedView | undefined;
  try {
    for (;;) {
      const read = await api.call<FeedView>('GET', `/v1/feeds/${values.feed}`, auth);
      if (read.status !== 200) throw new Error(`GET /v1/feeds/${values.feed} answered ${read.status}: ${JSON.stringify(read.body)}`);
      feed = read.body;
      run = feed.runs?.find((candidate) => candidate.id === runId);
      const seconds = (performance.now() - started) / 1000;
      if (run) {
        bar?.setTotal(Math.max(1, run.lotsNew));
        bar?.update(run.sightings, { line: line(run, seconds) });
        if (!bar && performance.now() - lastPrinted > 2000) {
          lastPrinted = performance.now();
          console.log(line(run, seconds));
        }
        if (run.status !== 'running' && run.pendingMatching === 0) break;
      }
      if (Date.now() > deadline) throw new Error(`the run was not over within ${values.timeout} s; GET /v1/feeds/${values.feed} shows how far it got`);
      // Once a second: within a market partner's 120 requests a minute.
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  } finally {
    bar?.stop();
  }

  if (!run || !feed) throw new Error('the run was not found');
  const seconds = (performance.now() - started) / 1000;
  for (const error of run.errors) console.error(`${error.reason}: ${error.message}${error.lot ? ` (${error.lot})` : ''}`);
  console.log(`${feed.name}: ${run.status} in ${seconds.toFixed(1)} s${run.notModified ? ' (not modified since the last run)' : ''}: ${line(run, seconds)}; feed ${feed.health.status}`);
  if (run.status === 'failed') process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
