// Turns flat rows (a CSV line, a LIDO record) into Object ID records: columns to fields by a mapping, lists split,
// numbers read, the inventory number made a marking, the photos' file names set apart.
import type { ImportMapping } from '../../schemas/imports.ts';

/** A row of the source file as Object ID fields, with the photos that go with it. */
export interface SourceRow {
  row: number;
  record: Record<string, unknown>;
  images: string[];
}

const listFields = new Set(['materials', 'techniques', 'images']);
const numberFields = new Set(['measurements.height', 'measurements.width', 'measurements.depth', 'measurements.diameter', 'measurements.weight']);

// Headers people write for the same field, compared without case, spaces or punctuation.
const synonyms: Record<string, string> = {
  inventorynumber: 'inventoryNumber',
  inventoryno: 'inventoryNumber',
  inventory: 'inventoryNumber',
  accessionnumber: 'inventoryNumber',
  objecttype: 'objectType',
  typeofobject: 'objectType',
  type: 'objectType',
  photos: 'images',
  photo: 'images',
  image: 'images',
  country: 'incident.country',
  date: 'incident.date',
  place: 'incident.place',
  circumstances: 'incident.circumstances',
  height: 'measurements.height',
  width: 'measurements.width',
  depth: 'measurements.depth',
  diameter: 'measurements.diameter',
  weight: 'measurements.weight',
  unit: 'measurements.unit',
  weightunit: 'measurements.weightUnit',
};
const squash = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The field a column fills: the mapping's word, else a header named like a field or a common synonym of one. */
export function fieldOf(header: string, mapping: ImportMapping): string {
  const mapped = mapping.columns?.[header];
  if (mapped) return mapped;
  const squashed = squash(header);
  return synonyms[squashed] ?? header.trim().replace(/\s+(\w)/g, (_, letter: string) => letter.toUpperCase());
}

function valueOf(field: string, raw: string | number, separator: string): unknown {
  if (typeof raw === 'number') return raw;
  const text = raw.trim();
  if (listFields.has(field)) return text.split(separator).map((item) => item.trim()).filter(Boolean);
  if (numberFields.has(field)) {
    const value = Number(text.replace(',', '.'));
    // Left as written, the schema names the field and says what it expected.
    return Number.isFinite(value) ? value : text;
  }
  return text;
}

/** Builds one record from field -> cell pairs; empty cells are absent, and the mapping's defaults fill the gaps. */
export function recordOf(cells: [field: string, value: string | number][], mapping: ImportMapping, row: number): SourceRow {
  const record: Record<string, unknown> = {};
  let images: string[] = [];
  const filled = cells.filter(([, value]) => String(value).trim() !== '');
  const given = new Set(filled.map(([field]) => field));
  const defaults = Object.entries(mapping.defaults ?? {}).filter(([field]) => !given.has(field));
  for (const [field, raw] of [...defaults, ...filled]) {
    const value = valueOf(field, raw, mapping.listSeparator);
    if (field === 'images') images = value as string[];
    else if (field === 'inventoryNumber') record.markings = [...((record.markings as unknown[]) ?? []), { kind: 'inventory-number', text: value }];
    else if (field === 'inscription') record.inscriptions = [...((record.inscriptions as unknown[]) ?? []), { text: value }];
    else {
      const [top = field, inner] = field.split('.');
      if (inner) record[top] = { ...((record[top] as object) ?? {}), [inner]: value };
      else record[top] = value;
    }
  }
  return { row, record, images };
}
