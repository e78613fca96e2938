// The functions as `cdk synth` built them, laid out as Lambda lays them out: each bundle alone in its own directory,
// and, for a function the stack gives the image-library layer, that layer's node_modules where module resolution
// finds it (Lambda: /opt/nodejs/node_modules; here: a node_modules link beside the function's directory, to the x64
// build of the same locked packages). Nothing else is reachable: no repository node_modules above it.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { imageLibsLayer } from '../../infra/image-libs-layer.ts';
import { env } from '../../infra/resources.ts';
import { functions, type FunctionName } from '../../infra/wiring.ts';

export const cdkOut = resolve(import.meta.dirname, '../../cdk.out');

export interface SynthesizedFunction {
  name: FunctionName;
  /** The asset's directory in cdk.out and the bundle file in it. */
  assetDir: string;
  bundle: string;
  /** Whether the stack gives the function a layer (the image libraries: the only layer it makes). */
  layered: boolean;
  /** The environment the stack sets: plain values as they are, references to other resources by name only. */
  environment: Record<string, string | null>;
}

type Resource = {
  Type: string;
  Properties: { Description?: string; Code?: { S3Key?: unknown }; Layers?: unknown[]; Environment?: { Variables?: Record<string, unknown> } };
};

/** Every declared function's bundle in cdk.out; throws if `cdk synth` has not run or left one out. */
export function synthesizedFunctions(out = cdkOut): SynthesizedFunction[] {
  const templateFile = join(out, 'RegistryApi.template.json');
  if (!existsSync(templateFile)) throw new Error(`${templateFile} is missing: run \`npm run synth\` first`);
  const template = JSON.parse(readFileSync(templateFile, 'utf8')) as { Resources: Record<string, Resource> };
  const lambdas = Object.values(template.Resources).filter((resource) => resource.Type === 'AWS::Lambda::Function');
  return (Object.keys(functions) as FunctionName[]).map((name) => {
    const lambda = lambdas.find((resource) => resource.Properties.Description === functions[name].description);
    const key = lambda?.Properties.Code?.S3Key;
    if (!lambda || typeof key !== 'string') throw new Error(`cdk.out has no bundle for ${name}`);
    const assetDir = join(out, `asset.${key.replace(/\.zip$/, '')}`);
    const file = readdirSync(assetDir).find((entry) => /^index\.m?js$/.test(entry));
    if (!file) throw new Error(`no index file in ${assetDir}`);
    const variables = lambda.Properties.Environment?.Variables ?? {};
    return {
      name,
      assetDir,
      bundle: join(assetDir, file),
      layered: (lambda.Properties.Layers ?? []).length > 0,
      environment: Object.fromEntries(Object.entries(variables).map(([variable, value]) => [variable, typeof value === 'string' ? value : null])),
    };
  });
}

/**
 * Values for the variables whose value AWS fills in at deploy time (table names, ARNs, URLs), of the form each takes:
 * for loading a bundle where nothing is called.
 */
export function placeholderEnvironment(fn: SynthesizedFunction): Record<string, string> {
  const urls = new Set<string>([env.jwtIssuer, env.jwksUri, env.apiUrl, env.consoleUrl]);
  return Object.fromEntries(
    Object.entries(fn.environment).map(([variable, value]) => {
      if (value !== null) return [variable, value];
      if (urls.has(variable)) return [variable, 'http://127.0.0.1/unused'];
      if (variable.endsWith('_ARN')) return [variable, `arn:aws:sns:us-east-1:000000000000:${variable.toLowerCase()}`];
      return [variable, `unused-${variable.toLowerCase()}`];
    }),
  );
}

/**
 * Copies each bundle into `<root>/<function>/task/` and links `<root>/<function>/node_modules` to the x64 image-library
 * layer for the functions that have it. Returns the directory (for the caller to remove) and each function's entry file.
 */
export function layOutBundles(
  synthesized = synthesizedFunctions(),
  root = mkdtempSync(join(tmpdir(), 'registry-bundles-')),
): { root: string; entries: Record<FunctionName, string> } {
  const layer = synthesized.some((fn) => fn.layered) ? imageLibsLayer('x64') : undefined;
  const entries = {} as Record<FunctionName, string>;
  for (const fn of synthesized) {
    const task = join(root, fn.name, 'task');
    mkdirSync(task, { recursive: true });
    entries[fn.name] = join(task, 'index.mjs');
    // The whole asset: the bundle and the files shipped beside it (data, fonts), as Lambda unpacks the zip.
    cpSync(dirname(fn.bundle), task, { recursive: true });
    if (fn.layered && layer) symlinkSync(join(layer, 'nodejs', 'node_modules'), join(root, fn.name, 'node_modules'), 'dir');
  }
  return { root, entries };
}
