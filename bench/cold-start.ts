// Each Lambda bundle as `cdk synth` builds it: its size, the time a fresh Node process takes to load it (what a cold
// start pays before the first event) and the memory it holds once loaded; baseline: a process loading an empty module,
// in the same run. `node bench/cold-start.ts [runs]`
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { env } from '../infra/resources.ts';
import { functions, type FunctionName } from '../infra/wiring.ts';
import { percentile } from '../test/support/stats.ts';

const runs = Number(process.argv[2] ?? 5);
const root = resolve(import.meta.dirname, '..');
const cdkOut = join(root, 'cdk.out');

execFileSync(join(root, 'node_modules/.bin/cdk'), ['synth', '--quiet'], { cwd: root, stdio: 'ignore' });

type Resource = { Type: string; Properties: { Description?: string; Code?: { S3Key?: unknown } } };
const template = JSON.parse(readFileSync(join(cdkOut, 'RegistryApi.template.json'), 'utf8')) as { Resources: Record<string, Resource> };
function bundleOf(name: FunctionName): string {
  const lambda = Object.values(template.Resources).find((resource) => resource.Type === 'AWS::Lambda::Function' && resource.Properties.Description === functions[name].description);
  const key = lambda?.Properties.Code?.S3Key;
  if (typeof key !== 'string') throw new Error(`no bundle for ${name}`);
  const dir = join(cdkOut, `asset.${key.replace(/\.zip$/, '')}`);
  const file = readdirSync(dir).find((entry) => /^index\.m?js$/.test(entry));
  if (!file) throw new Error(`no index file in ${dir}`);
  return join(dir, file);
}

// Inside the repository, so that the modules a layer supplies in Lambda (sharp, OpenCV) resolve from node_modules.
const workDir = mkdtempSync(join(root, '.bench-cold-'));
// What config() needs at load; nothing is called, so the values are never used.
const environment = {
  ...process.env,
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  ...Object.fromEntries(Object.values(env).map((name) => [name, name.endsWith('URI') || name.endsWith('ISSUER') || name === env.apiUrl ? 'http://127.0.0.1/unused' : 'unused'])),
  [env.alertsTopic]: 'arn:aws:sns:us-east-1:000000000000:unused',
  [env.webhookRetryBaseSeconds]: '60',
  [env.allowLoopbackWebhooks]: 'false',
};
delete (environment as Record<string, string | undefined>)[env.userPoolId];

/** Milliseconds to import the module and the RSS after it, in a fresh process. */
function load(file: string): { ms: number; rssMb: number } {
  const probe = `const t=performance.now();await import(${JSON.stringify(file)});console.log(JSON.stringify({ms:performance.now()-t,rssMb:process.memoryUsage().rss/2**20}))`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { env: environment, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`loading ${file} failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}') as { ms: number; rssMb: number };
}

function measure(file: string) {
  const samples = Array.from({ length: runs }, () => load(file));
  return { ms: percentile(samples.map((sample) => sample.ms), 50), rssMb: percentile(samples.map((sample) => sample.rssMb), 50) };
}

try {
  const empty = join(workDir, 'empty.mjs');
  writeFileSync(empty, 'export const handler = async () => undefined;\n');
  const baseline = measure(empty);
  console.log(`Lambda bundles (cdk synth, esbuild minified ESM), load in a fresh Node ${process.version} process, median of ${runs}`);
  console.log(`baseline (empty module): load ${baseline.ms.toFixed(1)} ms, RSS ${baseline.rssMb.toFixed(0)} MB`);
  console.log(`${'function'.padEnd(16)} ${'bundle'.padStart(8)} ${'load'.padStart(9)} ${'x base'.padStart(7)} ${'RSS'.padStart(7)} ${'+ base'.padStart(7)}`);
  for (const name of Object.keys(functions) as FunctionName[]) {
    const bundle = bundleOf(name);
    const copy = join(workDir, `${name}.mjs`);
    copyFileSync(bundle, copy);
    const { ms, rssMb } = measure(copy);
    const kb = statSync(bundle).size / 1024;
    console.log(
      `${name.padEnd(16)} ${`${kb.toFixed(0)} KB`.padStart(8)} ${`${ms.toFixed(0)} ms`.padStart(9)} ${`${(ms / baseline.ms).toFixed(1)}x`.padStart(7)} ${`${rssMb.toFixed(0)} MB`.padStart(7)} ${`${(rssMb - baseline.rssMb).toFixed(0)} MB`.padStart(7)}`,
    );
  }
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
