// LIDO XML (1.0 and 1.1): a lidoWrap of records or one lido:lido record. Inventory numbers from workID, else the
// record's own identifiers; measurement sets with their types in the record's language; display texts read when the
// structured fields are missing; the record's language from xml:lang.
import { XMLParser } from 'fast-xml-parser';
import type { ImportMapping } from '../../schemas/imports.ts';
import { fieldOfHeader } from './headers.ts';
import { recordOf } from './rows.ts';
import type { SourceFile } from './sources.ts';

// LIDO repeats most elements; reading every one as a list keeps the paths below simple.
const lidoParser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => name !== 'lidoWrap', parseTagValue: false });
type Node = Record<string, unknown>;
const children = (node: unknown, name: string): unknown[] => (typeof node === 'object' && node !== null ? (((node as Node)[name] as unknown[]) ?? []) : []);
const path = (node: unknown, ...names: string[]): unknown[] => names.reduce<unknown[]>((nodes, name) => nodes.flatMap((each) => children(each, name)), [node]);
const textOf = (node: unknown): string => (typeof node === 'object' && node !== null ? String((node as Node)['#text'] ?? '') : String(node ?? '')).trim();
const attribute = (node: unknown, name: string) => (typeof node === 'object' && node !== null ? String((node as Node)[`@${name}`] ?? '') : '');
const first = (node: unknown, ...names: string[]) => path(node, ...names).map(textOf).find(Boolean);
// LIDO 1.1 puts a term (and an AAT concept) where 1.0 had plain text.
const termOrText = (node: unknown, name: string) => first(node, name, 'term') ?? first(node, name);

function measurementCells(identification: unknown): [string, string][] {
  const cells: [string, string][] = [];
  let setUnit: string | undefined;
  for (const set of path(identification, 'objectMeasurementsWrap', 'objectMeasurementsSet')) {
    const structured = path(set, 'objectMeasurements', 'measurementsSet').flatMap((measurement): [string, string][] => {
      const type = termOrText(measurement, 'measurementType') ?? '';
      const field = fieldOfHeader(type);
      const unit = termOrText(measurement, 'measurementUnit');
      const value = first(measurement, 'measurementValue');
      if (!field?.startsWith('measurements.') || !value) return [];
      const unitField = field === 'measurements.weight' ? 'measurements.weightUnit' : 'measurements.unit';
      // A second set (the frame, the mount) in another unit would mix units: the object's own set comes first.
      if (unitField === 'measurements.unit' && unit && setUnit && unit !== setUnit) return [];
      if (unitField === 'measurements.unit' && unit) setUnit = unit;
      return [[field, value], ...(unit ? [[unitField, unit] as [string, string]] : [])];
    });
    const given = new Set(cells.map(([field]) => field));
    cells.push(...structured.filter(([field]) => !given.has(field) || field.endsWith('nit')));
    for (const display of path(set, 'displayObjectMeasurements')) cells.push(['dimensions', textOf(display)]);
  }
  return cells;
}

function identifierCells(lido: unknown, identification: unknown): [string, string][] {
  const workIds = path(identification, 'repositoryWrap', 'repositorySet', 'workID');
  const inventory = workIds.filter((workId) => /inventory|accession|inventar|inventaire/i.test(attribute(workId, 'type')) || !attribute(workId, 'type'));
  const numbers = (inventory.length > 0 ? inventory : workIds).map(textOf).filter(Boolean);
  // Without a workID, the record's own identifier names the object as steadily, so a re-run still skips it.
  const identifiers = numbers.length > 0 ? numbers : [first(lido, 'lidoRecID'), first(lido, 'administrativeMetadata', 'recordWrap', 'recordID')].filter((id): id is string => Boolean(id)).slice(0, 1);
  const holder = first(identification, 'repositoryWrap', 'repositorySet', 'repositoryName', 'legalBodyName', 'appellationValue');
  return [...identifiers.map((id): [string, string] => ['inventoryNumber', id]), ...(holder ? [['holder', holder] as [string, string]] : [])];
}

/** The Object ID fields a LIDO record carries; what LIDO has no place for (status, the loss) comes from the defaults. */
function lidoCells(lido: unknown): [string, string][] {
  const described = path(lido, 'descriptiveMetadata')[0];
  const identification = path(described, 'objectIdentificationWrap')[0];
  const cells: [string, string | undefined][] = [
    ['lang', attribute(described, 'lang') || attribute(lido, 'lang') || undefined],
    ['objectType', termOrText(path(described, 'objectClassificationWrap', 'objectWorkTypeWrap')[0], 'objectWorkType')],
    ['title', first(identification, 'titleWrap', 'titleSet', 'appellationValue')],
    ['description', first(identification, 'objectDescriptionWrap', 'objectDescriptionSet', 'descriptiveNoteValue')],
    ...identifierCells(lido, identification),
    ...measurementCells(identification),
  ];
  for (const inscription of path(identification, 'inscriptionsWrap', 'inscriptions', 'inscriptionTranscription')) cells.push(['inscription', textOf(inscription)]);
  for (const event of path(described, 'eventWrap', 'eventSet', 'event')) {
    const type = termOrText(event, 'eventType')?.toLowerCase() ?? '';
    if (!/production|creation|herstellung|vervaardiging|produzione|producci[oó]n/.test(type)) continue;
    cells.push(['maker', first(event, 'eventActor', 'actorInRole', 'actor', 'nameActorSet', 'appellationValue') ?? first(event, 'eventActor', 'displayActorInRole')]);
    cells.push(['dateOrPeriod', first(event, 'eventDate', 'displayDate')]);
    const terms = path(event, 'eventMaterialsTech', 'materialsTech', 'termMaterialsTech');
    for (const term of terms) cells.push([attribute(term, 'type').toLowerCase().includes('technique') ? 'techniques' : 'materials', first(term, 'term')]);
    // Only words, when the structured terms are missing: "Öl auf Leinwand", "bronze, patinated".
    if (terms.length === 0) for (const display of path(event, 'eventMaterialsTech', 'displayMaterialsTech')) cells.push(['materials', textOf(display).replace(/\s*[,;]\s*/g, ';')]);
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

export function lidoSource(text: string, mapping: ImportMapping): SourceFile {
  const document = lidoParser.parse(text) as Node;
  const records = document.lidoWrap ? children(document.lidoWrap, 'lido') : children(document, 'lido');
  const lists = { ...mapping, listSeparator: ';' };
  return { rows: records.map((lido, index) => recordOf(lidoCells(lido), lists, index + 1)), columns: [] };
}
