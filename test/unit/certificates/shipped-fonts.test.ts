// The certificate PDF as the deployed function makes it: bundled as cdk synth bundles the certificates function, with
// fontkit and the font files copied beside the bundle by the same commands, in a folder that reaches no other
// node_modules, and run by a fresh Node process.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { externalModulesOf, filesBesideBundle, requireShim } from '../../../infra/function.ts';
import { functions } from '../../../infra/wiring.ts';
import { Certificate } from '../../../schemas/certificates.ts';
import { pdfText } from '../../support/pdf-text.ts';

const repoRoot = resolve(import.meta.dirname, '../../..');
const certificates = functions.certificates;
let outDir: string;

const inscriptions = ['Ο ΑΓΙΟΣ ΝΙΚΟΛΑΟΣ', 'Святой Николай', 'بسم الله الرحمن الرحيم', '大清乾隆年製'];
const certificate = Certificate.parse({
  id: '0b7c1a52-7d1e-4a8e-9b65-2c1c0a5d3e10',
  issuedAt: '2026-12-01T10:00:00.000Z',
  issuer: 'https://registry.example.org',
  search: {
    id: '1b7c1a52-7d1e-4a8e-9b65-2c1c0a5d3e10',
    at: '2026-12-01T09:59:00.000Z',
    by: { sub: 'registrar-1', org: 'museum-of-corfu' },
    query: { structured: { inscriptions } },
    registrySize: 10,
  },
  result: { outcome: 'no-match', candidates: [], redLists: [], alertThreshold: 0.6 },
  signature: { alg: 'ECDSA_SHA_256', keyId: 'local-1', value: 'AAAA' },
});

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'certificates-bundle-'));
  // The options of infra/function.ts (NodejsFunction's names for esbuild's), with the PDF module as the entry.
  await build({
    entryPoints: [join(repoRoot, 'functions/certificates/pdf.ts')],
    outfile: join(outDir, 'index.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    minify: true,
    mainFields: ['module', 'main'],
    banner: { js: requireShim },
    external: externalModulesOf(certificates),
    logLevel: 'error',
  });
  const commands = filesBesideBundle(certificates).afterBundling(repoRoot, outDir);
  execFileSync('bash', ['-ec', commands.join('\n')]);
}, 60_000);
afterAll(() => rm(outDir, { recursive: true, force: true }));

describe('the shipped certificates function', () => {
  it('writes Greek, Cyrillic, Arabic and Chinese with the fonts beside its bundle, which holds no font', { timeout: 60_000 }, async () => {
    // Act
    const script = `import { certificatePdf } from './index.mjs'; process.stdout.write(Buffer.from(await certificatePdf(${JSON.stringify(certificate)})).toString('base64'));`;
    const pdf = Buffer.from(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: outDir, env: { PATH: process.env.PATH } }).toString(), 'base64');

    // Assert
    const read = await pdfText(pdf);
    for (const inscription of inscriptions) expect(read.text).toContain(inscription);
    expect(read.text).not.toContain('<U+');
    expect(read.notdefShown).toBe(0);
    const shipped = await readdir(join(outDir, 'node_modules/@fontsource/noto-sans-sc/files'));
    expect(shipped.length).toBeGreaterThan(50);
    // No WOFF inlined, as bytes or base64 ("wOFF" is d09GRg).
    const bundle = await readFile(join(outDir, 'index.mjs'), 'latin1');
    expect([bundle.includes('wOFF'), bundle.includes('d09GRg')]).toEqual([false, false]);
  });
});
