// Bulk import and certificates on the local stack. Import: `npm run import` of a generated theft register (rows a
// second, and the second, resuming run); baseline: the same kind of rows registered one by one with POST /v1/objects,
// as a registrar without the importer would. Certificate: search, certify, verify; baseline: the search alone.
// `node bench/import.ts [rows]`
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { theftRegisterCsv } from '../test/fixtures/import-files.ts';
import { readSource } from '../functions/imports/sources.ts';
import { ImportMapping } from '../schemas/imports.ts';
import { apiClient } from '../test/support/api.ts';
import { launchLocalStack } from '../test/support/local-stack.ts';
import { percentile } from '../test/support/stats.ts';
import type { Caller } from '../schemas/identity.ts';

const rows = Number(process.argv[2] ?? 40_000);
const oneByOne = 500;
const certificateRounds = 30;

const dataDir = await mkdtemp(join(tmpdir(), 'bench-import-'));
const stack = await launchLocalStack(dataDir);
const api = apiClient(stack.url);

function runImport(file: string, org: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['scripts/import.ts', '--file', file, '--org', org, '--quiet', '--url', stack.url], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve((performance.now() - started) / 1000) : reject(new Error(`import exited with ${code}`))));
  });
}

const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
};

try {
  // Baseline first: rows like the import's, one POST each, four at a time like the importer's workers.
  const { csv } = theftRegisterCsv({ rows: oneByOne, badEvery: 1_000_000, photos: 0, prefix: 'ONE', seed: 6 });
  const records = readSource('csv', csv, ImportMapping.parse({})).rows.flatMap((row) => ('record' in row ? [row.record] : []));
  const registrar: Caller = { sub: 'registrar', org: 'bench-one-by-one', role: 'museum' };
  let next = 0;
  const [, baselineMs] = await timed(() =>
    Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < records.length) {
          const reply = await api.call('POST', '/v1/objects', { as: registrar, body: records[next++] });
          if (reply.status !== 201) throw new Error(`registering failed: ${JSON.stringify(reply.body)}`);
        }
      }),
    ),
  );

  // Certificates, over the registry of those objects: a dealer's text search, certified, then verified online.
  const dealer: Caller = { sub: 'compliance', org: 'bench-auction-house', role: 'market' };
  const search = { text: 'Silver tetradrachm, register entry with a wear mark on the left edge', lang: 'en', limit: 10 };
  const searches: number[] = [];
  const roundTrips: number[] = [];
  for (let round = 0; round < certificateRounds; round++) {
    const [searched, searchMs] = await timed(() => api.call('POST', '/v1/search', { as: dealer, body: search }));
    if (searched.status !== 200) throw new Error(`search failed: ${searched.status} ${JSON.stringify(searched.body)}`);
    const [verified, certifyMs] = await timed(async () => {
      const issued = await api.call('POST', '/v1/certificates', { as: dealer, body: { searchId: searched.body.searchId } });
      if (issued.status !== 201 && issued.status !== 200) throw new Error(`certifying failed: ${issued.status} ${JSON.stringify(issued.body)}`);
      return api.call('GET', `/v1/certificates/${issued.body.id}/verify`);
    });
    if (verified.body.valid !== true) throw new Error(`certificate not valid: ${JSON.stringify(verified.body)}`);
    searches.push(searchMs);
    roundTrips.push(searchMs + certifyMs);
  }
  console.log(`certificate round trip, search + certify + verify (${certificateRounds} rounds, market caller, ${oneByOne} objects)`);
  console.log(`  p50 ${percentile(roundTrips, 50).toFixed(0)} ms   p99 ${percentile(roundTrips, 99).toFixed(0)} ms`);
  console.log(`baseline, the search alone: p50 ${percentile(searches, 50).toFixed(0)} ms   p99 ${percentile(searches, 99).toFixed(0)} ms`);
  console.log(`ratio to baseline: p50 ${(percentile(roundTrips, 50) / percentile(searches, 50)).toFixed(1)}x`);

  // Import: every 20th row is bad, so the rows a second count the reading and reporting of those too.
  const file = join(dataDir, 'register.csv');
  await writeFile(file, theftRegisterCsv({ rows, badEvery: 20, photos: 0, prefix: 'BEN', seed: 5 }).csv);
  const first = await runImport(file, 'bench-import-museum');
  const again = await runImport(file, 'bench-import-museum');
  const importRate = rows / first;
  const baselineRate = oneByOne / (baselineMs / 1000);
  console.log(`bulk import, npm run import of ${rows} rows (${rows - rows / 20} good, every 20th bad; --quiet)`);
  console.log(`  first run ${first.toFixed(1)} s: ${importRate.toFixed(0)} rows/s   second run (all skipped) ${again.toFixed(1)} s: ${(rows / again).toFixed(0)} rows/s`);
  console.log(`baseline, POST /v1/objects one by one (${oneByOne} rows, 4 at a time): ${baselineRate.toFixed(0)} rows/s`);
  console.log(`ratio to baseline: ${(importRate / baselineRate).toFixed(1)}x faster`);
  console.log(`machine: ${availableParallelism()} cores, load ${loadavg()[0]?.toFixed(2)}`);
} finally {
  await stack.stop();
  await rm(dataDir, { recursive: true, force: true });
}
