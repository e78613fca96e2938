// About 97,000 real collection records (../shared/data: Tate, Carnegie Museum of Art) read with the project's own import and
// the mappings a registrar would write (scripts/mappings/), registered as POST /v1/objects would: distractors for the text matcher.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { ImportMapping } from '../schemas/imports.ts';
import { RegisterObject } from '../schemas/object-id.ts';
import type { IndexedObject } from '../functions/matching/model.ts';
import { toIndexedObject } from '../functions/matching/registry-index.ts';
import { readSource } from '../functions/imports/sources.ts';
import { newObject } from '../functions/objects/register.ts';

const dataDir = new URL('../../shared/data/', import.meta.url);
const exports = ['tate-artworks', 'cmoa-objects'];
const registrar = { sub: 'bench', org: 'distractors', role: 'museum' as const };

/** Every row the import accepts, as the text index reads it; rows the import would reject are left out, as it would. */
export async function distractorRecords(): Promise<IndexedObject[]> {
  const objects: IndexedObject[] = [];
  for (const name of exports) {
    const mapping = ImportMapping.parse(JSON.parse(readFileSync(new URL(`../scripts/mappings/${name}.mapping.json`, import.meta.url), 'utf8')));
    const text = gunzipSync(readFileSync(new URL(`${name}.csv.gz`, dataDir))).toString('utf8');
    for (const row of readSource('csv', text, mapping).rows) {
      if (!('record' in row)) continue;
      const parsed = RegisterObject.safeParse(row.record);
      if (parsed.success) objects.push(toIndexedObject(newObject(parsed.data, registrar.org, registrar, new Date(0).toISOString(), `${name}-${row.row}`).object));
    }
  }
  return objects;
}
