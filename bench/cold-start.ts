// Each Lambda bundle as `cdk synth` builds it, laid out as the bundled mode of the local runtime runs it (alone in its
// directory, the image-library layer where the stack gives it, the stack's environment): its size, the time a fresh
// Node process takes to load it (what a cold start pays before the first event) and the memory it holds once loaded.
// Baseline: an empty module laid out the same way, measured in the same run. `node bench/cold-start.ts [runs]`
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { layOutBundles, placeholderEnvironment, synthesizedFunctions, type SynthesizedFunction } from '../scripts/local/bundles.ts';
import { percentile } from '../test/support/stats.ts';

const runs = Number(process.argv[2] ?? 5);
const root = resolve(import.meta.dirname, '..');

execFileSync(join(root, 'node_modules/.bin/cdk'), ['synth', '--quiet'], { cwd: root, stdio: 'ignore' });
const synthesized = synthesizedFunctions();
const { root: layout, entries } = layOutBundles(synthesized);

/** Milliseconds to import the module and the RSS after it, in a fresh process with the function's environment. */
function load(file: string, fn?: SynthesizedFunction): { ms: number; rssMb: number } {
  const probe = `const t=performance.now();await import(${JSON.stringify(file)});console.log(JSON.stringify({ms:performance.now()-t,rssMb:process.memoryUsage().rss/2**20}))`;
  const environment = { ...(fn ? placeholderEnvironment(fn) : {}), AWS_REGION: 'us-east-1', PATH: process.env.PATH ?? '' };
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { env: environment, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`loading ${file} failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}') as { ms: number; rssMb: number };
}

function measure(file: string, fn?: SynthesizedFunction) {
  const samples = Array.from({ length: runs }, () => load(file, fn));
  return { ms: percentile(samples.map((sample) => sample.ms), 50), rssMb: percentile(samples.map((sample) => sample.rssMb), 50) };
}

try {
  const emptyDir = join(layout, 'empty', 'task');
  mkdirSync(emptyDir, { recursive: true });
  const empty = join(emptyDir, 'index.mjs');
  writeFileSync(empty, 'export const handler = async () => undefined;\n');
  const baseline = measure(empty);
  console.log(`Lambda bundles (cdk synth, esbuild minified ESM) in bundled mode, load in a fresh Node ${process.version} process, median of ${runs}`);
  console.log(`baseline (empty module): load ${baseline.ms.toFixed(1)} ms, RSS ${baseline.rssMb.toFixed(0)} MB`);
  console.log(`${'function'.padEnd(16)} ${'bundle'.padStart(8)} ${'load'.padStart(9)} ${'x base'.padStart(7)} ${'RSS'.padStart(7)} ${'+ base'.padStart(7)}`);
  for (const fn of synthesized) {
    const { ms, rssMb } = measure(entries[fn.name], fn);
    const kb = statSync(fn.bundle).size / 1024;
    console.log(
      `${fn.name.padEnd(16)} ${`${kb.toFixed(0)} KB`.padStart(8)} ${`${ms.toFixed(0)} ms`.padStart(9)} ${`${(ms / baseline.ms).toFixed(1)}x`.padStart(7)} ${`${rssMb.toFixed(0)} MB`.padStart(7)} ${`${(rssMb - baseline.rssMb).toFixed(0)} MB`.padStart(7)}`,
    );
  }
} finally {
  rmSync(layout, { recursive: true, force: true });
}
