// JSON lines: Object ID records as the API takes them, or a collection's own shape read through the mapping by dotted
// paths ("identifier.inventory", "dimensions.h"); what is neither a field nor a mapped path is left out and listed.
import type { ImportMapping } from '../../schemas/imports.ts';
import { objectIdFields } from '../../schemas/object-id.ts';
import { fieldOf, recordOf } from './rows.ts';
import type { SourceFile, UnreadableRow } from './sources.ts';

const recordFields = new Set([...Object.keys(objectIdFields), 'status']);
type Cell = string | number | boolean | null;

/** Each leaf of a value at its dotted path, list items at their list's path ("materials.name"). */
function leaves(value: unknown, at: string, into: Map<string, Cell[]>) {
  if (Array.isArray(value)) for (const item of value) leaves(item, at, into);
  else if (typeof value === 'object' && value !== null) for (const [key, inner] of Object.entries(value)) leaves(inner, at ? `${at}.${key}` : key, into);
  else into.set(at, [...(into.get(at) ?? []), value as Cell]);
}

const mapsUnder = (key: string, mapping: ImportMapping) => Object.keys(mapping.columns ?? {}).some((path) => path === key || path.startsWith(`${key}.`));

export function jsonSource(text: string, mapping: ImportMapping): SourceFile {
  const columns = new Map<string, string | undefined>();
  const rows = text.split('\n').flatMap((line, index): SourceFile['rows'] => {
    if (line.trim() === '') return [];
    const row = index + 1;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (error) {
      return [{ row, fields: [{ path: '', reason: `is not valid JSON: ${(error as Error).message}` }] } satisfies UnreadableRow];
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return [{ row, fields: [{ path: '', reason: 'must be one JSON object per line' }] }];
    // An Object ID field is taken as it is (markings, inscriptions keep their shape); anything else by its paths.
    const given: Record<string, unknown> = {};
    const paths = new Map<string, Cell[]>();
    for (const [key, value] of Object.entries(parsed)) {
      if (recordFields.has(key) && !mapsUnder(key, mapping)) given[key] = value;
      else leaves(value, key, paths);
    }
    const cells = [...paths].flatMap(([path, values]): [string, string | number][] => {
      if (!columns.has(path)) columns.set(path, fieldOf(path, mapping));
      const field = columns.get(path);
      const present = values.filter((value) => value !== null && value !== '');
      if (!field || present.length === 0) return [];
      return [[field, present.length === 1 && typeof present[0] === 'number' ? present[0] : present.join(mapping.listSeparator)]];
    });
    return [recordOf(cells, mapping, row, given)];
  });
  return { rows, columns: [...columns].map(([column, field]) => ({ column, ...(field ? { field } : {}) })) };
}
