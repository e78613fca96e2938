// Reads the rows of a source file: CSV with a header, JSON lines of Object ID records, or LIDO XML.
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import type { ImportMapping, SourceFormat } from '../../schemas/imports.ts';
import type { FieldError } from '../http/errors.ts';
import { fieldOf, recordOf, type SourceRow } from './rows.ts';


/** A row that could not even be read as a record. */
export interface UnreadableRow {
  row: number;
  fields: FieldError[];
}

export function formatOfFile(path: string): SourceFormat | undefined {
  const extension = path.toLowerCase().split('.').at(-1);
  if (extension === 'csv') return 'csv';
  if (extension === 'jsonl' || extension === 'ndjson') return 'jsonl';
  if (extension === 'xml' || extension === 'lido') return 'lido';
  return undefined;
}

// Row numbers as a spreadsheet shows them: the header is row 1.
function csvRows(text: string, mapping: ImportMapping): SourceRow[] {
  const records = parseCsv(text, { columns: true, bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as Record<string, string>[];
  return records.map((cells, index) => recordOf(Object.entries(cells).map(([header, value]) => [fieldOf(header, mapping), value]), mapping, index + 2));
}

function jsonRows(text: string, mapping: ImportMapping): (SourceRow | UnreadableRow)[] {
  return text.split('\n').flatMap((line, index): (SourceRow | UnreadableRow)[] => {
    if (line.trim() === '') return [];
    const row = index + 1;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (error) {
      return [{ row, fields: [{ path: '', reason: `is not valid JSON: ${(error as Error).message}` }] }];
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return [{ row, fields: [{ path: '', reason: 'must be one JSON object per line' }] }];
    const { images, ...record } = parsed as Record<string, unknown>;
    const defaults = recordOf([], mapping, row).record;
    const merged: Record<string, unknown> = { ...defaults, ...record };
    for (const nested of ['incident', 'measurements']) {
      if (typeof defaults[nested] === 'object' && typeof record[nested] === 'object') merged[nested] = { ...(defaults[nested] as object), ...(record[nested] as object) };
    }
    return [{ row, record: merged, images: Array.isArray(images) ? images.map(String) : [] }];
  });
}

// LIDO repeats most elements; reading every one as a list keeps the paths below simple.
const lidoParser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => name !== 'lidoWrap', parseTagValue: false });
type Node = Record<string, unknown>;
const children = (node: unknown, name: string): unknown[] => (typeof node === 'object' && node !== null ? (((node as Node)[name] as unknown[]) ?? []) : []);
const path = (node: unknown, ...names: string[]): unknown[] => names.reduce<unknown[]>((nodes, name) => nodes.flatMap((each) => children(each, name)), [node]);
const textOf = (node: unknown): string => (typeof node === 'object' && node !== null ? String((node as Node)['#text'] ?? '') : String(node ?? '')).trim();
const attribute = (node: unknown, name: string) => (typeof node === 'object' && node !== null ? String((node as Node)[`@${name}`] ?? '') : '');
const first = (node: unknown, ...names: string[]) => path(node, ...names).map(textOf).find(Boolean);

const unitNames: Record<string, string> = {
  centimetres: 'cm',
  centimeters: 'cm',
  millimetres: 'mm',
  millimeters: 'mm',
  inches: 'in',
  grams: 'g',
  kilograms: 'kg',
};

/** The Object ID fields a LIDO record carries; what LIDO has no place for (status, the loss) comes from the defaults. */
function lidoCells(lido: unknown): [string, string][] {
  const described = path(lido, 'descriptiveMetadata')[0];
  const identification = path(described, 'objectIdentificationWrap');
  const cells: [string, string | undefined][] = [
    ['lang', attribute(described, 'lang') || undefined],
    ['objectType', first(described, 'objectClassificationWrap', 'objectWorkTypeWrap', 'objectWorkType', 'term')],
    ['title', first(identification[0], 'titleWrap', 'titleSet', 'appellationValue')],
    ['description', first(identification[0], 'objectDescriptionWrap', 'objectDescriptionSet', 'descriptiveNoteValue')],
  ];
  for (const workId of path(identification[0], 'repositoryWrap', 'repositorySet', 'workID')) {
    if (/inventory|accession/i.test(attribute(workId, 'type')) || !attribute(workId, 'type')) cells.push(['inventoryNumber', textOf(workId)]);
  }
  for (const inscription of path(identification[0], 'inscriptionsWrap', 'inscriptions', 'inscriptionTranscription')) cells.push(['inscription', textOf(inscription)]);
  for (const set of path(identification[0], 'objectMeasurementsWrap', 'objectMeasurementsSet', 'objectMeasurements', 'measurementsSet')) {
    // LIDO 1.1 puts a term (and an AAT concept) where 1.0 had plain text.
    const type = (first(set, 'measurementType', 'term') ?? first(set, 'measurementType'))?.toLowerCase();
    const unit = first(set, 'measurementUnit', 'term') ?? first(set, 'measurementUnit');
    const value = first(set, 'measurementValue');
    if (!type || !value) continue;
    cells.push([`measurements.${type}`, value]);
    if (unit) cells.push([type === 'weight' ? 'measurements.weightUnit' : 'measurements.unit', unitNames[unit.toLowerCase()] ?? unit]);
  }
  for (const event of path(described, 'eventWrap', 'eventSet', 'event')) {
    const type = first(event, 'eventType', 'term')?.toLowerCase() ?? '';
    if (!/production|creation|herstellung/.test(type)) continue;
    cells.push(['maker', first(event, 'eventActor', 'actorInRole', 'actor', 'nameActorSet', 'appellationValue')]);
    cells.push(['dateOrPeriod', first(event, 'eventDate', 'displayDate')]);
    for (const term of path(event, 'eventMaterialsTech', 'materialsTech', 'termMaterialsTech')) {
      cells.push([attribute(term, 'type').toLowerCase().includes('technique') ? 'techniques' : 'materials', first(term, 'term')]);
    }
  }
  // Materials and techniques come one term at a time: joined, they read as the list the mapping splits.
  const joined = new Map<string, string[]>();
  const rest = cells.flatMap(([field, value]): [string, string][] => {
    if (value === undefined || value === '') return [];
    if (field === 'materials' || field === 'techniques') {
      joined.set(field, [...(joined.get(field) ?? []), value]);
      return [];
    }
    return [[field, value]];
  });
  return [...rest, ...[...joined].map(([field, values]): [string, string] => [field, values.join(';')])];
}

function lidoRows(text: string, mapping: ImportMapping): SourceRow[] {
  const document = lidoParser.parse(text) as Node;
  const records = document.lidoWrap ? children(document.lidoWrap, 'lido') : children(document, 'lido');
  const lists = { ...mapping, listSeparator: ';' };
  return records.map((lido, index) => recordOf(lidoCells(lido), lists, index + 1));
}

/** Every row of the file, in order; a row that is not even a record comes back with the reason. */
export function readSource(format: SourceFormat, text: string, mapping: ImportMapping): (SourceRow | UnreadableRow)[] {
  if (format === 'csv') return csvRows(text, mapping);
  if (format === 'jsonl') return jsonRows(text, mapping);
  return lidoRows(text, mapping);
}
