// The Object ID form as the user types it (strings everywhere), and the record or the patch the API takes from it.
import type * as z from 'zod';
import type { EditObject, LengthUnit, MarkingKind, RegisterObject, Visibility, WeightUnit } from '../../../../schemas/object-id.ts';
import type { ObjectView } from '../../../../schemas/object.ts';

type Registration = z.input<typeof RegisterObject>;
type Patch = z.input<typeof EditObject>;
type ObjectRecord = Omit<ObjectView, 'images'>;

export interface MeasurementsDraft {
  height: string;
  width: string;
  depth: string;
  diameter: string;
  unit: z.infer<typeof LengthUnit>;
  weight: string;
  weightUnit: z.infer<typeof WeightUnit>;
}
export interface InscriptionDraft {
  text: string;
  location: string;
  script: string;
  language: string;
}
export interface MarkingDraft {
  kind: z.infer<typeof MarkingKind>;
  text: string;
  location: string;
}
export interface IncidentDraft {
  date: string;
  country: string;
  place: string;
  circumstances: string;
}
export interface ContactDraft {
  name: string;
  email: string;
  phone: string;
}

/** The descriptive fields, in the order of the Object ID standard, then the record's own. */
export const descriptiveFields = [
  'objectType',
  'materials',
  'techniques',
  'measurements',
  'inscriptions',
  'markings',
  'distinguishingFeatures',
  'title',
  'subject',
  'dateOrPeriod',
  'maker',
  'culture',
  'description',
  'lang',
  'incident',
  'visibility',
  'policeReference',
  'contact',
] as const;
export type DescriptiveField = (typeof descriptiveFields)[number];

export interface ObjectDraft {
  objectType: string;
  materials: string;
  techniques: string;
  measurements: MeasurementsDraft;
  inscriptions: InscriptionDraft[];
  markings: MarkingDraft[];
  distinguishingFeatures: string;
  title: string;
  subject: string;
  dateOrPeriod: string;
  maker: string;
  culture: string;
  description: string;
  lang: string;
  incident: IncidentDraft;
  visibility: z.infer<typeof Visibility>;
  policeReference: string;
  contact: ContactDraft;
}

export const emptyInscription = (): InscriptionDraft => ({ text: '', location: '', script: '', language: '' });
export const emptyMarking = (): MarkingDraft => ({ kind: 'inventory-number', text: '', location: '' });
export const emptyIncident = (): IncidentDraft => ({ date: '', country: '', place: '', circumstances: '' });

export function emptyDraft(lang: string): ObjectDraft {
  return {
    objectType: '',
    materials: '',
    techniques: '',
    measurements: { height: '', width: '', depth: '', diameter: '', unit: 'cm', weight: '', weightUnit: 'kg' },
    inscriptions: [],
    markings: [],
    distinguishingFeatures: '',
    title: '',
    subject: '',
    dateOrPeriod: '',
    maker: '',
    culture: '',
    description: '',
    lang,
    incident: emptyIncident(),
    visibility: 'partners',
    policeReference: '',
    contact: { name: '', email: '', phone: '' },
  };
}

const shown = (value: number | undefined) => (value === undefined ? '' : String(value));

export function draftFromObject(object: ObjectRecord): ObjectDraft {
  const blank = emptyDraft(object.lang);
  const m = object.measurements;
  return {
    ...blank,
    objectType: object.objectType,
    materials: object.materials?.join(', ') ?? '',
    techniques: object.techniques?.join(', ') ?? '',
    measurements: m
      ? { height: shown(m.height), width: shown(m.width), depth: shown(m.depth), diameter: shown(m.diameter), unit: m.unit ?? 'cm', weight: shown(m.weight), weightUnit: m.weightUnit ?? 'kg' }
      : blank.measurements,
    inscriptions: (object.inscriptions ?? []).map((i) => ({ text: i.text, location: i.location ?? '', script: i.script ?? '', language: i.language ?? '' })),
    markings: (object.markings ?? []).map((m) => ({ kind: m.kind, text: m.text, location: m.location ?? '' })),
    distinguishingFeatures: object.distinguishingFeatures ?? '',
    title: object.title ?? '',
    subject: object.subject ?? '',
    dateOrPeriod: object.dateOrPeriod ?? '',
    maker: object.maker ?? '',
    culture: object.culture ?? '',
    description: object.description,
    incident: object.incident
      ? { date: object.incident.date ?? '', country: object.incident.country, place: object.incident.place ?? '', circumstances: object.incident.circumstances ?? '' }
      : blank.incident,
    visibility: object.visibility,
    policeReference: object.policeReference ?? '',
    contact: object.contact ? { name: object.contact.name, email: object.contact.email ?? '', phone: object.contact.phone ?? '' } : blank.contact,
  };
}

// Empty inputs are left out, so that the API tells what is missing rather than what is blank.
const textOf = (value: string) => value.trim() || undefined;
const given = <T extends object>(value: T) => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;
const allBlank = (value: object) => Object.values(value).every((v) => typeof v !== 'string' || v.trim() === '');
// Lists are typed comma-separated; Arabic and CJK commas count too.
const listOf = (value: string) => {
  const items = value.split(/[,،、]/).map((item) => item.trim()).filter(Boolean);
  return items.length ? items : undefined;
};
const numberOf = (value: string) => (value.trim() === '' ? undefined : Number(value.replace(',', '.')));

function measurementsOf(m: MeasurementsDraft) {
  const lengths = given({ height: numberOf(m.height), width: numberOf(m.width), depth: numberOf(m.depth), diameter: numberOf(m.diameter) });
  const weight = numberOf(m.weight);
  const hasLength = Object.keys(lengths).length > 0;
  if (!hasLength && weight === undefined) return undefined;
  return { ...lengths, ...(hasLength ? { unit: m.unit } : {}), ...(weight !== undefined ? { weight, weightUnit: m.weightUnit } : {}) };
}

/** A row left wholly blank is not sent; a row partly filled is, so that the API names what it lacks. */
const rowsOf = <T extends object, R>(rows: T[], convert: (row: T) => R) => {
  const kept = rows.filter((row) => !allBlank(row)).map(convert);
  return kept.length ? kept : undefined;
};

/** The incident as the API takes it, on a record or with a change of status; undefined when left blank. */
export const incidentOf = (i: IncidentDraft) =>
  allBlank(i) ? undefined : (given({ date: textOf(i.date), country: i.country, place: textOf(i.place), circumstances: textOf(i.circumstances) }) as Registration['incident']);

/** Each field's value as the API takes it; undefined when the field is left empty. */
export function valueOf(draft: ObjectDraft, field: DescriptiveField): unknown {
  switch (field) {
    // Required: sent even when empty, so that the API's refusal reads "must not be empty".
    case 'objectType':
    case 'description':
    case 'lang':
      return draft[field].trim();
    case 'materials':
    case 'techniques':
      return listOf(draft[field]);
    case 'measurements':
      return measurementsOf(draft.measurements);
    case 'inscriptions':
      return rowsOf(draft.inscriptions, (i) => ({ text: i.text.trim(), ...given({ location: textOf(i.location), script: i.script, language: textOf(i.language) }) }));
    case 'markings':
      return rowsOf(draft.markings, (m) => ({ kind: m.kind, text: m.text.trim(), ...given({ location: textOf(m.location) }) }));
    case 'incident':
      return incidentOf(draft.incident);
    case 'visibility':
      return draft.visibility;
    case 'contact':
      return allBlank(draft.contact) ? undefined : { name: draft.contact.name.trim(), ...given({ email: textOf(draft.contact.email), phone: textOf(draft.contact.phone) }) };
    default:
      return textOf(draft[field]);
  }
}

export function registration(draft: ObjectDraft, status: Registration['status']): Registration {
  const fields = Object.fromEntries(descriptiveFields.map((field) => [field, valueOf(draft, field)]).filter(([, value]) => value !== undefined));
  // An inventoried object has no incident yet: it gets one when it is lost.
  if (status === 'inventoried') delete fields.incident;
  return { ...fields, status } as Registration;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields the user changed from `base`, as a merge patch: a field emptied is sent as null, which removes it. */
export function patchBetween(base: ObjectDraft, edited: ObjectDraft): Patch {
  const patch: Record<string, unknown> = {};
  for (const field of descriptiveFields) {
    const before = valueOf(base, field);
    const after = valueOf(edited, field);
    if (!same(before, after)) patch[field] = after ?? null;
  }
  return patch as Patch;
}

/** The fields whose stored values differ between two versions of one object. */
export const changedFields = (before: ObjectRecord, after: ObjectRecord): DescriptiveField[] =>
  descriptiveFields.filter((field) => !same(before[field], after[field]));

/** Puts the fields the user changed from `base` on top of `current`: what re-applying an edit after a conflict means. */
export function rebase(edited: ObjectDraft, base: ObjectRecord, current: ObjectRecord): ObjectDraft {
  const mine = Object.keys(patchBetween(draftFromObject(base), edited)) as DescriptiveField[];
  const next = draftFromObject(current);
  for (const field of mine) (next as Record<DescriptiveField, unknown>)[field] = edited[field];
  return next;
}
