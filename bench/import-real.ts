// Real collection exports through `npm run import`, on a stack of its own: Tate's artworks and the Carnegie Museum of
// Art's objects (../shared/data, CC0), whole, with the mappings a registrar would write (scripts/mappings/). Prints the
// share of rows with a title or a description that went in, every refused row's reason, the second run's new rows
// (none expected) and rows/s beside the baseline of the same rows registered one by one with POST /v1/objects.
// `node bench/import-real.ts [data folder] [export names, default: cmoa-objects tate-artworks]`
import { spawn } from 'node:child_process';
import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gunzipSync } from 'node:zlib';
import { judgeRow } from '../functions/imports/import-batch.ts';
import { decodeText, readSource } from '../functions/imports/sources.ts';
import { ImportMapping } from '../schemas/imports.ts';
import type { Caller } from '../schemas/identity.ts';
import { apiClient } from '../test/support/api.ts';
import { launchLocalStack } from '../test/support/local-stack.ts';

const dataFolder = resolve(process.argv[2] ?? '../shared/data');
const names = process.argv.length > 3 ? process.argv.slice(3) : ['cmoa-objects', 'tate-artworks'];
const exports = names.map((name) => ({ name, org: `bench-${name.split('-')[0]}` }));
const oneByOne = 500;

const dataDir = await mkdtemp(join(tmpdir(), 'bench-import-real-'));
const stack = await launchLocalStack(dataDir);
const api = apiClient(stack.url);

interface Run {
  seconds: number;
  stdout: string;
  stderr: string;
}

function runImport(file: string, mapping: string, org: string): Promise<Run> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['scripts/import.ts', '--file', file, '--mapping', mapping, '--org', org, '--quiet', '--url', stack.url]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? done({ seconds: (performance.now() - started) / 1000, stdout, stderr }) : fail(new Error(`import exited with ${code}: ${stderr.slice(-2000)}`))));
  });
}

function summaryOf(stdout: string) {
  const found = /imported (\d+), skipped (\d+) \(already in\), rejected (\d+)/.exec(stdout);
  if (!found) throw new Error(`no summary in: ${stdout.slice(-500)}`);
  const [imported = 0, skipped = 0, rejected = 0] = found.slice(1).map(Number);
  return { imported, skipped, rejected };
}

try {
  const files = await Promise.all(
    exports.map(async ({ name, org }) => {
      const file = join(dataDir, `${name}.csv`);
      await writeFile(file, gunzipSync(await readFile(join(dataFolder, `${name}.csv.gz`))));
      const mapping = join('scripts/mappings', `${name}.mapping.json`);
      const source = readSource('csv', decodeText(await readFile(file)), ImportMapping.parse(JSON.parse(await readFile(mapping, 'utf8'))));
      // What a row carries as the museum wrote it, before the importer composes a description from it.
      const titled = new Set(source.rows.flatMap((row) => ('record' in row && (row.record.title || row.record.description !== undefined) ? [row.row] : [])));
      return { name, org, file, mapping, source, titled };
    }),
  );

  // Baseline first: the first rows of the first export registered one by one, four at a time like the importer's workers.
  const [firstExport] = files;
  const records = (firstExport?.source.rows ?? []).flatMap((row) => ('record' in row ? [judgeRow(row.record)] : [])).flatMap((judged) => ('data' in judged ? [judged.data] : [])).slice(0, oneByOne);
  const registrar: Caller = { sub: 'registrar', org: 'bench-one-by-one', role: 'museum' };
  let next = 0;
  const baselineStarted = performance.now();
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < records.length) {
        const reply = await api.call('POST', '/v1/objects', { as: registrar, body: records[next++] });
        if (reply.status !== 201) throw new Error(`registering failed: ${reply.status} ${JSON.stringify(reply.body)}`);
      }
    }),
  );
  const baselineRate = records.length / ((performance.now() - baselineStarted) / 1000);

  console.log(`baseline, POST /v1/objects one by one (${records.length} rows of ${firstExport?.name}, 4 at a time): ${baselineRate.toFixed(0)} rows/s`);
  let rows = 0;
  let seconds = 0;
  for (const { name, org, file, mapping, source, titled } of files) {
    const first = await runImport(file, mapping, org);
    const again = await runImport(file, mapping, org);
    const summary = summaryOf(first.stdout);
    const second = summaryOf(again.stdout);
    const refused = [...first.stderr.matchAll(/^row (\d+): (.+)$/gm)].map((found) => ({ row: Number(found[1]), reason: found[2] ?? '' }));
    const titledRefused = refused.filter(({ row }) => titled.has(row)).length;
    const titledIn = titled.size - titledRefused - summary.skipped;
    const reasons = new Map<string, number>();
    for (const { reason } of refused) reasons.set(reason.replace(/ \d.*$/, ''), (reasons.get(reason.replace(/ \d.*$/, '')) ?? 0) + 1);
    rows += source.rows.length;
    seconds += first.seconds;
    console.log(`${name}: ${source.rows.length} rows, ${titled.size} with a title or a description`);
    console.log(`  first run ${first.seconds.toFixed(1)} s (${(source.rows.length / first.seconds).toFixed(0)} rows/s): imported ${summary.imported}, skipped ${summary.skipped}, refused ${summary.rejected}`);
    console.log(`  rows with a title or a description imported: ${titledIn} of ${titled.size} (${((100 * titledIn) / titled.size).toFixed(2)}%)`);
    console.log(`  refused rows with a reason: ${refused.length} of ${summary.rejected}; reasons: ${[...reasons].map(([reason, count]) => `${count} × ${reason}`).join('; ') || 'none'}`);
    console.log(`  second run ${again.seconds.toFixed(1)} s: imported ${second.imported} new, skipped ${second.skipped}, refused ${second.rejected}`);
    console.log(`  ${first.stdout.split('\n').find((line) => line.startsWith('columns left out')) ?? 'no column left out'}`);
  }
  const importRate = rows / seconds;
  console.log(`${files.length} export(s): ${rows} rows in ${seconds.toFixed(1)} s, ${importRate.toFixed(0)} rows/s (first runs)`);
  console.log(`ratio to baseline: ${(importRate / baselineRate).toFixed(1)}x faster`);
  console.log(`machine: ${availableParallelism()} cores, load ${loadavg()[0]?.toFixed(2)} (shared with other work)`);
} finally {
  await stack.stop();
  await rm(dataDir, { recursive: true, force: true });
}
