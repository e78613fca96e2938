// What `cdk deploy` uploads loads as Lambda would load it: each bundle from cdk.out (`npm test` synthesises first),
// alone in its directory, with the image-library layer only where the stack gives it, and the stack's environment.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isBuiltin } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
import { imageLibsLayer, layerModuleNames } from '../../infra/image-libs-layer.ts';
import { layOutBundles, placeholderEnvironment, synthesizedFunctions } from '../../scripts/local/bundles.ts';

const synthesized = synthesizedFunctions();
const { root, entries } = layOutBundles(synthesized);
afterAll(() => rmSync(root, { recursive: true, force: true }));
const byName = synthesized.map((fn) => [fn.name, fn] as const);

/** 1 MB (1,024 KB) of minified JavaScript per function; files shipped beside a bundle (fonts) are not JavaScript. */
const budgetBytes = 1024 * 1024;

/** Package names a bundle imports or requires by a literal string. */
function moduleSpecifiers(code: string): Set<string> {
  const specifiers = new Set<string>();
  for (const match of code.matchAll(/\bfrom\s*"([^"]+)"|\bimport\s*\(\s*"([^"]+)"\s*\)|\brequire\s*\(\s*"([^"]+)"\s*\)|\bimport\s*"([^"]+)"/g)) {
    const specifier = match.slice(1).find(Boolean);
    if (specifier && /^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(\/.*)?$/.test(specifier)) specifiers.add(specifier);
  }
  return specifiers;
}
const packageOf = (specifier: string) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
// The SDK requires these only to sign with SigV4a (multi-region access points), inside a try that names them if
// missing; nothing here signs that way.
const optionalSdkModules = new Set(['@aws-sdk/signature-v4-crt', '@aws-sdk/signature-v4a']);

describe('synthesized function bundles', () => {
  it.each(byName)('%s loads in a directory of its own with the stack environment', (name, fn) => {
    // Arrange: a fresh Node process whose environment is the stack's (plus the region Lambda sets), nothing from ours.
    const environment = { ...placeholderEnvironment(fn), AWS_REGION: 'us-east-1', PATH: process.env.PATH ?? '' };
    const probe = `const m = await import(${JSON.stringify(entries[name])}); if (typeof m.handler !== 'function') throw new Error('no handler export');`;

    // Act
    const loaded = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { env: environment, encoding: 'utf8', timeout: 60_000 });

    // Assert: no error and no warning (a minified line of the bundle is left out of the message).
    const said = loaded.stderr.split('\n').filter((line) => line.length < 300 && line.trim() !== '');
    expect({ status: loaded.status, stderr: said }).toEqual({ status: 0, stderr: [] });
  });

  it.each(byName)('%s imports no package it does not carry unless its layer provides it', (_name, fn) => {
    // Arrange: packages shipped beside the bundle (the wiring's packageFiles) are carried too.
    const provided = new Set(fn.layered ? layerModuleNames(imageLibsLayer('x64')) : []);
    const carried = (pkg: string) => existsSync(join(dirname(fn.bundle), 'node_modules', pkg, 'package.json'));

    // Act
    const missing = [...moduleSpecifiers(readFileSync(fn.bundle, 'utf8'))]
      .filter((specifier) => !isBuiltin(specifier))
      .map(packageOf)
      .filter((pkg) => !provided.has(pkg) && !carried(pkg) && !optionalSdkModules.has(pkg));

    // Assert
    expect(missing).toEqual([]);
  });

  it.each(byName)('%s is at most 1 MB of minified JavaScript', (_name, fn) => {
    expect(statSync(fn.bundle).size).toBeLessThanOrEqual(budgetBytes);
  });

  it('finds a package a bundle imports from outside', () => {
    expect(moduleSpecifiers('import{a as b}from"sharp";const c=require("@techstark/opencv-js/x");import("zlib")')).toEqual(
      new Set(['sharp', '@techstark/opencv-js/x', 'zlib']),
    );
  });
});
