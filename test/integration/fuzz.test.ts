// Hostile-input fuzzing inside `npm test`: a few hundred generated bad requests over every route (`npm run fuzz` runs 10,000).
// Its own stack: other test files write to the shared table meanwhile, and this test must see the table stand still.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHostileCampaign, type CampaignReport } from '../support/hostile-requests.ts';
import { launchLocalStack, type LaunchedStack } from '../support/local-stack.ts';

const cases = 300;
let dataDir = '';
let stack: LaunchedStack;
let report: CampaignReport;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'registry-fuzz-'));
  stack = await launchLocalStack(dataDir);
  report = await runHostileCampaign({ apiUrl: stack.url, dynamoEndpoint: stack.dynamoEndpoint, awsEndpoint: stack.awsEndpoint, dataDir, cases });
});

afterAll(async () => {
  await stack?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe(`${cases} hostile requests over every route`, () => {
  it('never get a 5xx', () => {
    // Act: the campaign ran in beforeAll
    const fiveHundreds = Object.entries(report.byStatus).filter(([status]) => Number(status) >= 500);

    // Assert
    expect(fiveHundreds, `seed ${report.seed}\n${report.counterexample ?? ''}`).toEqual([]);
  });

  it('get a 4xx with the documented error body whenever the route declarations refuse them', () => {
    // Act: the campaign ran in beforeAll
    const problems = report.violations.map((violation) => `${violation.problem}: ${violation.request.method} ${violation.request.target.slice(0, 120)}`);

    // Assert
    expect(problems, `seed ${report.seed}\n${report.counterexample ?? ''}`).toEqual([]);
    expect(report.cases).toBe(cases);
  });

  it('leave the table and the bucket exactly as they were', () => {
    // Assert
    expect(report.stateUnchanged, `seed ${report.seed}\n${report.counterexample ?? ''}`).toBe(true);
  });
});
