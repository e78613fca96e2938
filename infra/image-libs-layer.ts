// Builds the image-library layer (sharp with its native build and libvips, OpenCV's WebAssembly build) from the lock
// file, for the CPU it runs on: linux-arm64 for Lambda, linux-x64 for the local runtime's bundled mode.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The modules the layer supplies; esbuild leaves them out of the bundles of the functions that get the layer. */
export const imageLibModules = ['sharp', '@techstark/opencv-js'] as const;
export type ImageLibModule = (typeof imageLibModules)[number];
export type LayerCpu = 'arm64' | 'x64';

interface LockEntry {
  version: string;
  integrity: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  os?: string[];
  cpu?: string[];
  libc?: string[];
}
export interface LayerPackage {
  name: string;
  version: string;
  integrity: string;
}

const repoRoot = resolve(import.meta.dirname, '..');

/** Lambda's Node.js runtimes run on Amazon Linux (glibc): a package built for another system is left out. */
function runsOn(entry: LockEntry, cpu: LayerCpu): boolean {
  return (!entry.os || entry.os.includes('linux')) && (!entry.cpu || entry.cpu.includes(cpu)) && (!entry.libc || entry.libc.includes('glibc'));
}

/** The layer's packages at their locked versions: the two modules and what they need on linux-<cpu>, no more. */
export function layerPackages(cpu: LayerCpu, lockFile = join(repoRoot, 'package-lock.json')): LayerPackage[] {
  const lock = JSON.parse(readFileSync(lockFile, 'utf8')) as { packages: Record<string, LockEntry> };
  const found = new Map<string, LayerPackage>();
  const visit = (name: string) => {
    if (found.has(name)) return;
    const entry = lock.packages[`node_modules/${name}`];
    if (!entry) throw new Error(`package-lock.json has no ${name}: run npm install`);
    if (!runsOn(entry, cpu)) return;
    found.set(name, { name, version: entry.version, integrity: entry.integrity });
    for (const dependency of Object.keys(entry.dependencies ?? {})) visit(dependency);
    for (const optional of Object.keys(entry.optionalDependencies ?? {})) {
      const optionalEntry = lock.packages[`node_modules/${optional}`];
      if (optionalEntry && runsOn(optionalEntry, cpu)) visit(optional);
    }
  };
  for (const name of imageLibModules) visit(name);
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Changes when a locked version of the layer's packages, or the CPU, changes: the layer asset's hash. */
export function layerKey(cpu: LayerCpu, packages = layerPackages(cpu)): string {
  return createHash('sha256').update(JSON.stringify({ cpu, packages })).digest('hex').slice(0, 16);
}

function npm(args: string[], cwd: string): string {
  // `npm run` and `npx` name the npm they run under; elsewhere the one on PATH.
  const npmCli = process.env.npm_execpath;
  return npmCli && npmCli.endsWith('.js')
    ? execFileSync(process.execPath, [npmCli, ...args], { cwd, encoding: 'utf8' })
    : execFileSync('npm', args, { cwd, encoding: 'utf8' });
}

/** The package's files: the installed copy when npm installed that very version here, else its tarball from the registry. */
function unpack(pkg: LayerPackage, into: string, downloads: string): void {
  const target = join(into, pkg.name);
  mkdirSync(target, { recursive: true });
  const installed = join(repoRoot, 'node_modules', pkg.name);
  const installedVersion = existsSync(join(installed, 'package.json'))
    ? (JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { version: string }).version
    : undefined;
  if (installedVersion === pkg.version) {
    cpSync(installed, target, { recursive: true, filter: (source) => !source.startsWith(join(installed, 'node_modules')) });
    return;
  }
  const [packed] = JSON.parse(npm(['pack', `${pkg.name}@${pkg.version}`, '--json', '--pack-destination', downloads], downloads)) as { filename: string; integrity: string }[];
  if (!packed || packed.integrity !== pkg.integrity) throw new Error(`${pkg.name}@${pkg.version}: the registry's tarball is not the one package-lock.json names`);
  execFileSync('tar', ['-xzf', join(downloads, packed.filename), '-C', target, '--strip-components=1']);
}

/**
 * The layer's directory (holding nodejs/node_modules, as Lambda lays a layer out under /opt), built once per locked
 * version set in node_modules/.cache. Building the arm64 layer needs the npm registry the first time (the linux-arm64
 * packages are not installed on an x64 host); the x64 one is copied from node_modules.
 */
export function imageLibsLayer(cpu: LayerCpu): string {
  const packages = layerPackages(cpu);
  const cache = join(repoRoot, 'node_modules', '.cache', 'image-libs-layer');
  const dir = join(cache, `${cpu}-${layerKey(cpu, packages)}`);
  if (existsSync(dir)) return dir;
  mkdirSync(cache, { recursive: true });
  const building = mkdtempSync(join(cache, `building-${cpu}-`));
  try {
    const modules = join(building, 'layer', 'nodejs', 'node_modules');
    const downloads = join(building, 'downloads');
    mkdirSync(downloads, { recursive: true });
    for (const pkg of packages) unpack(pkg, modules, downloads);
    // Two builds racing (parallel synths) both finish; the first rename wins and the other's copy is dropped.
    if (!existsSync(dir)) renameSync(join(building, 'layer'), dir);
  } catch (error) {
    if (!existsSync(dir)) throw error;
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
  return dir;
}

/** The layer's top-level package names, for tests and the bundled runtime's checks. */
export function layerModuleNames(layerDir: string): string[] {
  const modules = join(layerDir, 'nodejs', 'node_modules');
  return readdirSync(modules).flatMap((entry) => (entry.startsWith('@') ? readdirSync(join(modules, entry)).map((scoped) => `${entry}/${scoped}`) : [entry]));
}
