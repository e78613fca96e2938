// The photo sets bench/photo-eval.ts measures: the shared development set, and this project's own field photos
// (made by scripts/make-field-photos.ts), split into a tuning part and a held-out part never used for tuning.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';

export interface EvalSet {
  name: string;
  gallery: { id: string; path: string }[];
  queries: { id: string; path: string; expected: string | null; tags: string[] }[];
  /** The tags reported apart, in this order. */
  conditions: string[];
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const devDirectory = process.env.PHOTO_EVAL_DIR ?? join(root, '..', 'shared', 'eval', 'photos');
export const ownDirectory = process.env.FIELD_PHOTOS_DIR ?? join(root, '.field-photos');

const DevTruth = z.object({
  gallery: z.array(z.object({ id: z.string(), file: z.string(), family: z.string() })),
  queries: z.array(
    z.object({ id: z.string(), file: z.string(), expected: z.string().nullable(), family: z.string(), difficulty: z.string(), cutOff: z.boolean(), occluded: z.boolean() }),
  ),
});

async function developmentSet(): Promise<EvalSet> {
  const truth = DevTruth.parse(JSON.parse(await readFile(join(devDirectory, 'truth.json'), 'utf8')));
  return {
    name: 'dev set ../shared/eval/photos',
    gallery: truth.gallery.map((entry) => ({ id: entry.id, path: join(devDirectory, entry.file) })),
    queries: truth.queries.map((entry) => ({
      id: entry.id,
      path: join(devDirectory, entry.file),
      expected: entry.expected,
      tags: [
        entry.difficulty,
        ...(entry.cutOff ? ['cut off'] : []),
        ...(entry.occluded ? ['partly covered'] : []),
        entry.family.startsWith('flat/') ? 'flat work' : 'museum object',
      ],
    })),
    conditions: ['medium', 'hard', 'cut off', 'partly covered', 'museum object', 'flat work'],
  };
}

export const OwnTruth = z.object({
  gallery: z.array(z.object({ id: z.string(), file: z.string() })),
  queries: z.array(z.object({ id: z.string(), file: z.string(), expected: z.string().nullable(), condition: z.string(), part: z.enum(['tuning', 'held-out']) })),
  conditions: z.array(z.string()),
});

async function ownSets(): Promise<EvalSet[]> {
  const truthPath = join(ownDirectory, 'truth.json');
  if (!existsSync(truthPath)) {
    console.log(`(no own field photos in ${ownDirectory}: run node scripts/make-field-photos.ts to make them)`);
    return [];
  }
  const truth = OwnTruth.parse(JSON.parse(await readFile(truthPath, 'utf8')));
  const gallery = truth.gallery.map((entry) => ({ id: entry.id, path: join(ownDirectory, entry.file) }));
  return (['tuning', 'held-out'] as const).map((part) => ({
    name: `own field photos, ${part} part`,
    gallery,
    queries: truth.queries
      .filter((entry) => entry.part === part)
      .map((entry) => ({ id: entry.id, path: join(ownDirectory, entry.file), expected: entry.expected, tags: [entry.condition] })),
    conditions: truth.conditions,
  }));
}

export async function evalSets(): Promise<EvalSet[]> {
  return [await developmentSet(), ...(await ownSets())];
}
