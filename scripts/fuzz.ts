// `npm run fuzz [-- --cases N] [-- --seed S]`: hostile requests over every route against a fresh local stack;
// fails on any 5xx, any error body off the contract, any accepted bad request, and any change to the table or bucket.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runHostileCampaign } from '../test/support/hostile-requests.ts';
import { launchLocalStack } from '../test/support/local-stack.ts';

const { values } = parseArgs({ options: { cases: { type: 'string', default: '10000' }, seed: { type: 'string' }, concurrency: { type: 'string', default: '8' } } });
const cases = Number(values.cases);
if (!Number.isInteger(cases) || cases < 1) throw new Error(`--cases must be a positive integer, not ${values.cases}`);

const dataDir = await mkdtemp(join(tmpdir(), 'registry-fuzz-'));
const stack = await launchLocalStack(dataDir);
let failed = true;
try {
  const report = await runHostileCampaign({
    apiUrl: stack.url,
    dynamoEndpoint: stack.dynamoEndpoint,
    awsEndpoint: stack.awsEndpoint,
    dataDir,
    cases,
    concurrency: Number(values.concurrency),
    ...(values.seed !== undefined ? { seed: Number(values.seed) } : {}),
    log: (line) => console.error(line),
  });
  const fiveHundreds = Object.entries(report.byStatus).filter(([status]) => Number(status) >= 500).reduce((sum, [, count]) => sum + count, 0);
  console.log(`\nHostile-input fuzzing: ${report.cases} cases over every route in ${(report.durationMs / 1000).toFixed(1)} s (seed ${report.seed})`);
  console.log('Responses by status:');
  for (const [status, count] of Object.entries(report.byStatus).sort(([a], [b]) => Number(a) - Number(b))) console.log(`  ${status === '0' ? 'no answer' : status}: ${count}`);
  console.log(`5xx: ${fiveHundreds}`);
  console.log(`Requests the declarations refuse: ${report.refusable}; valid GET probes that succeeded: ${report.validProbes}`);
  console.log(`Table and bucket unchanged: ${report.stateUnchanged ? 'yes' : 'NO'}`);
  console.log(`Violations: ${report.violations.length}`);
  // One line per kind of violation and route, with its first request, so that distinct bugs are not hidden behind the first.
  const kinds = new Map<string, { count: number; example: string }>();
  for (const violation of report.violations) {
    const kind = `${violation.problem.split('\n')[0]} on ${violation.request.method} ${violation.request.aimedAt.split(' ')[1]}`;
    const seen = kinds.get(kind) ?? { count: 0, example: `${violation.request.method} ${violation.request.target.slice(0, 160)} (${violation.request.defects.join(' | ').slice(0, 240)})` };
    kinds.set(kind, { ...seen, count: seen.count + 1 });
  }
  for (const [kind, { count, example }] of kinds) console.log(`  ${count} × ${kind}\n      e.g. ${example}`);
  if (report.counterexample) console.log(`\nSmallest counterexample:\n${report.counterexample}`);
  failed = report.violations.length > 0 || !report.stateUnchanged;
} finally {
  await stack.stop();
  await rm(dataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
