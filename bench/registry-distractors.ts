// About 97,000 real collection records (../shared/data: Tate, Carnegie Museum of Art) read with the project's own CSV import and
// registered as POST /v1/objects would: distractors for the text matcher. The column mapping is data: bench/data/registry-mappings.json.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { ImportMapping } from '../schemas/imports.ts';
import { RegisterObject } from '../schemas/object-id.ts';
import type { IndexedObject } from '../functions/matching/model.ts';
import { toIndexedObject } from '../functions/matching/registry-index.ts';
import { readSource } from '../functions/imports/sources.ts';
import { newObject } from '../functions/objects/register.ts';

const dataDir = new URL('../../shared/data/', import.meta.url);
const mappings = JSON.parse(readFileSync(new URL('data/registry-mappings.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const registrar = { sub: 'bench', org: 'distractors', role: 'museum' as const };

// These exports have no description, which Object ID requires: title, maker and date stand in for it, as a registrar would write it.
// The default unit alone is no measurement: a row without dimensions keeps none.
function completed(record: Record<string, unknown>): Record<string, unknown> {
  const { measurements, ...rest } = record;
  const sized = measurements && Object.keys(measurements).some((key) => key !== 'unit');
  return { ...rest, description: rest.description ?? [rest.title, rest.maker, rest.dateOrPeriod].filter(Boolean).join(', '), ...(sized ? { measurements } : {}) };
}

/** Every row the import accepts, as the text index reads it; rows the import would reject are left out, as it would. */
export async function distractorRecords(): Promise<IndexedObject[]> {
  const objects: IndexedObject[] = [];
  for (const [file, mapping] of Object.entries(mappings)) {
    const text = gunzipSync(readFileSync(new URL(file, dataDir))).toString('utf8');
    for (const row of readSource('csv', text, ImportMapping.parse(mapping))) {
      if (!('record' in row)) continue;
      // Columns the registry has no field for (credit lines, URLs) are mapped to "ignored" and dropped here.
      const { ignored: _ignored, ...record } = row.record;
      const parsed = RegisterObject.safeParse(completed(record));
      if (parsed.success) objects.push(toIndexedObject(newObject(parsed.data, registrar.org, registrar, new Date(0).toISOString(), `${file.split('-')[0]}-${row.row}`).object));
    }
  }
  return objects;
}
