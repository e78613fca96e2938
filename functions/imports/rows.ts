// Turns flat rows (a CSV line, a LIDO record, a JSON line's paths) into Object ID records: columns to fields by a
// mapping or the headers people write, lists split, numbers and sizes read, the inventory number made a marking, the
// photos' file names and the holder set apart, and what the row leaves out (description, language) filled in.
import type { ImportMapping } from '../../schemas/imports.ts';
import { composedDescription } from './compose.ts';
import { fieldOfHeader } from './headers.ts';
import { recordLanguage } from './language.ts';
import { measurementsOfText } from '../matching/text/measurements.ts';

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
// Statuses as registers write them in the five languages.
const statusWords: Record<string, string> = {
  gestohlen: 'stolen', vole: 'stolen', volé: 'stolen', robado: 'stolen', rubato: 'stolen', theft: 'stolen',
  vermisst: 'missing', verschollen: 'missing', disparu: 'missing', perdu: 'missing', desaparecido: 'missing', perdido: 'missing', disperso: 'missing', scomparso: 'missing', lost: 'missing',
  geplundert: 'looted', geplündert: 'looted', pille: 'looted', pillé: 'looted', saqueado: 'looted', saccheggiato: 'looted', trafugato: 'looted',
  inventarisiert: 'inventoried', inventorie: 'inventoried', inventorié: 'inventoried', inventariado: 'inventoried', inventariato: 'inventoried',
};
// "f.n.", "s.n.", "o.Nr.": written where an object has no number, so never a number two objects could share.
const noNumber = /^(f\.?\s?n\.?|s\.?\s?n\.?|o\.?\s?nr\.?|n\/?a|-+|\?+|none|sans num[ée]ro|ohne (nummer|nr\.?)|sin n[úu]mero|senza numero|without number)$/i;

/** The field a column fills, or undefined for a column the registry has no field for (ignored, and listed once). */
export function fieldOf(header: string, mapping: ImportMapping): string | undefined {
  if (mapping.ignore?.includes(header)) return undefined;
  return mapping.columns?.[header] ?? fieldOfHeader(header);
}

const maxItem = 100;
/** A list item as the field holds it: a long one ("chalk on two sheets of laid paper pasted together and mounted on…") in its parts. */
function listItems(item: string): string[] {
  const trimmed = item.trim();
  if (trimmed.length <= maxItem) return trimmed ? [trimmed] : [];
  return trimmed
    .split(/[;.]\s+|\s+(?:and|on|with|mounted on|in)\s+/)
    .map((part) => (part.length > maxItem ? `${part.slice(0, maxItem - 1).replace(/\s+\S*$/, '')}…` : part.trim()))
    .filter(Boolean);
}

function valueOf(field: string, raw: string | number, separator: string): unknown {
  if (typeof raw === 'number') return raw;
  const text = raw.trim();
  if (listFields.has(field)) return text.split(separator).flatMap(listItems);
  if (numberFields.has(field)) {
    const value = Number(text.replace(',', '.'));
    // Left as written, the schema names the field and says what it expected.
    return Number.isFinite(value) ? value : text;
  }
  if (field === 'measurements.unit' || field === 'measurements.weightUnit') return unitWords[text.toLowerCase()] ?? text.toLowerCase();
  if (field === 'status') return statusWords[text.toLowerCase()] ?? text;
  return text;
}

const lengths = ['height', 'width', 'depth', 'diameter'];
const valuesOf = (measurements: unknown) => (typeof measurements === 'object' && measurements !== null ? (measurements as Record<string, unknown>) : {});
const hasLength = (measurements: unknown) => lengths.some((d) => valuesOf(measurements)[d] !== undefined);
// A size column holding words ("(upper):", "mm") is the export's own columns slipping, not a size.
const hasUnreadLength = (measurements: unknown) => lengths.some((d) => typeof valuesOf(measurements)[d] === 'string');
const maxTitle = 300;

/** A title longer than the field holds, cut at a word with an ellipsis; the description keeps it whole. */
const shortTitle = (title: string) => `${title.slice(0, maxTitle - 1).replace(/\s+\S*$/, '')}…`;

/** What a row leaves out and an import can tell: the size from its text, a description from its fields, its language. */
function completed(record: Record<string, unknown>, dimensions: string[]): Record<string, unknown> {
  const done = { ...record };
  const read = dimensions.map(measurementsOfText).find(Boolean);
  if (read && hasUnreadLength(done.measurements)) done.measurements = read;
  if (!hasLength(done.measurements)) {
    const weight = typeof done.measurements === 'object' && done.measurements !== null && 'weight' in done.measurements;
    // A unit alone (a mapping's default for a row with no size) measures nothing.
    if (read) done.measurements = { ...read, ...(weight ? (done.measurements as object) : {}) };
    else if (!weight) delete done.measurements;
  }
  if (done.description === undefined) {
    const description = composedDescription(done);
    if (description) done.description = description;
  }
  if (typeof done.title === 'string' && done.title.length > maxTitle) done.title = shortTitle(done.title);
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
