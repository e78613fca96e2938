// What `cdk deploy` uploads loads as Lambda would load it: each bundle from cdk.out (`npm test` synthesises first),
// alone in its directory, with the image-library layer only where the stack gives it, and the stack's environment.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { layOutBundles, placeholderEnvironment, synthesizedFunctions } from '../../scripts/local/bundles.ts';

const synthesized = synthesizedFunctions();
const entries = layOutBundles(synthesized);

describe('synthesized function bundles', () => {
  it.each(synthesized.map((fn) => [fn.name, fn] as const))('%s loads in a directory of its own with the stack environment', (name, fn) => {
    // Arrange: a fresh Node process whose environment is the stack's (plus the region Lambda sets), nothing from ours.
    const environment = { ...placeholderEnvironment(fn), AWS_REGION: 'us-east-1', PATH: process.env.PATH ?? '' };
    const probe = `const m = await import(${JSON.stringify(entries[name])}); if (typeof m.handler !== 'function') throw new Error('no handler export');`;

    // Act
    const loaded = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { env: environment, encoding: 'utf8', timeout: 60_000 });

    // Assert: no error and no warning (a minified line of the bundle is left out of the message).
    const said = loaded.stderr.split('\n').filter((line) => line.length < 300 && line.trim() !== '');
    expect({ status: loaded.status, stderr: said }).toEqual({ status: 0, stderr: [] });
  });
});
