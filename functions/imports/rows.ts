// Turns flat rows (a CSV line, a LIDO record, a JSON line's paths) into Object ID records: columns to fields by a
// mapping or the headers people write, lists split, numbers and sizes read, the inventory number made a marking, the
// photos' file names and the holder set apart, and what the row leaves out (description, language) filled in.
import type { ImportMapping } from '../../schemas/imports.ts';
import { composedDescription } from './compose.ts';
import { fieldOfHeader } from './headers.ts';
import { recordLanguage } from './language.ts';
import { measurementsOfText } from './sizes.ts';

/** A row of the source file as Object ID fields, with the photos that go with it and the collection that holds it. */
export interface SourceRow {
  row: number;
  record: Record<string, unknown>;
  images: string[];
  /** The collection an inventory number belongs to, in a file of many holders (a national register). */
  holder?: string;
}

const listFields = new Set(['materials', 'techniques', 'images']);
const numberFields = new Set(['measurements.height', 'measurements.width', 'measurements.depth', 'measurements.diameter', 'measurements.weight']);
const unitWords: Record<string, string> = { millimetres: 'mm', millimeters: 'mm', millimetre: 'mm', centimetres: 'cm', centimeters: 'cm', centimetre: 'cm', inches: 'in', inch: 'in', grams: 'g', kilograms: 'kg' };
// "f.n.", "s.n.", "o.Nr.": written where an object has no number, so never a number two objects could share.
const noNumber = /^(f\.?\s?n\.?|s\.?\s?n\.?|o\.?\s?nr\.?|n\/?a|-+|\?+|none|sans num[ée]ro|ohne (nummer|nr\.?)|sin n[úu]mero|senza numero|without number)$/i;

/** The field a column fills, or undefined for a column the registry has no field for (ignored, and listed once). */
export function fieldOf(header: string, mapping: ImportMapping): string | undefined {
  if (mapping.ignore?.includes(header)) return undefined;
  return mapping.columns?.[header] ?? fieldOfHeader(header);
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
  if (field === 'measurements.unit' || field === 'measurements.weightUnit') return unitWords[text.toLowerCase()] ?? text.toLowerCase();
  return text;
}

const hasLength = (measurements: unknown) =>
  typeof measurements === 'object' && measurements !== null && ['height', 'width', 'depth', 'diameter'].some((d) => (measurements as Record<string, unknown>)[d] !== undefined);

/** What a row leaves out and an import can tell: the size from its text, a description from its fields, its language. */
function completed(record: Record<string, unknown>, dimensions: string[]): Record<string, unknown> {
  const done = { ...record };
  if (!hasLength(done.measurements)) {
    const read = dimensions.map(measurementsOfText).find(Boolean);
    if (read) done.measurements = read;
  }
  if (done.description === undefined) {
    const description = composedDescription(done);
    if (description) done.description = description;
  }
  if (done.lang === undefined) done.lang = recordLanguage(done);
  return done;
}

/**
 * Builds one record from field -> cell pairs and the fields a source gives already structured (a JSON line's
 * markings); empty cells are absent, and the mapping's defaults fill the gaps.
 */
export function recordOf(cells: [field: string, value: string | number][], mapping: ImportMapping, row: number, structured: Record<string, unknown> = {}): SourceRow {
  const record: Record<string, unknown> = {};
  let images: string[] = [];
  let holder: string | undefined;
  const dimensions: string[] = [];
  const filled = cells.filter(([, value]) => String(value).trim() !== '');
  const given = new Set(filled.map(([field]) => field));
  const defaults = Object.entries(mapping.defaults ?? {}).filter(([field]) => !given.has(field));
  for (const [field, raw] of [...defaults, ...filled]) {
    const value = valueOf(field, raw, mapping.listSeparator);
    if (field === 'images') images = value as string[];
    else if (field === 'holder') holder = String(value);
    else if (field === 'dimensions') dimensions.push(String(value));
    else if (field === 'inventoryNumber') {
      if (!noNumber.test(String(value))) record.markings = [...((record.markings as unknown[]) ?? []), { kind: 'inventory-number', text: value }];
    } else if (field === 'inscription') record.inscriptions = [...((record.inscriptions as unknown[]) ?? []), { text: value }];
    else {
      const [top = field, inner] = field.split('.');
      if (inner) record[top] = { ...((record[top] as object) ?? {}), [inner]: value };
      else record[top] = value;
    }
  }
  for (const [field, value] of Object.entries(structured)) {
    const inner = record[field];
    const nested = typeof value === 'object' && value !== null && !Array.isArray(value) && typeof inner === 'object' && inner !== null && !Array.isArray(inner);
    record[field] = nested ? { ...inner, ...value } : Array.isArray(value) && Array.isArray(inner) ? [...inner, ...value] : value;
  }
  return { row, record: completed(record, dimensions), images, ...(holder ? { holder } : {}) };
}
