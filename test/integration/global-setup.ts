// Starts the whole local system once for the integration run, on free ports and a fresh data folder.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { launchLocalStack } from '../support/local-stack.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
    awsEndpoint: string;
    dynamoEndpoint: string;
    dataDir: string;
  }
}

export default async function setup(project: TestProject) {
  const dataDir = await mkdtemp(join(tmpdir(), 'registry-test-'));
  // The `bundled` project runs its tests against the functions as `cdk synth` bundled them.
  const stack = await launchLocalStack(dataDir, undefined, { bundled: project.name === 'bundled' });
  project.provide('apiUrl', stack.url);
  project.provide('awsEndpoint', stack.awsEndpoint);
  project.provide('dynamoEndpoint', stack.dynamoEndpoint);
  project.provide('dataDir', dataDir);
  return async () => {
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
