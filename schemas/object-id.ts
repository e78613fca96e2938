// The Object ID standard (Getty/ICOM) description of a cultural object, plus the incident that made it sought.
import * as z from 'zod';
import { CountryCode, LanguageTag, PartialDate, text } from './primitives.ts';

export const LengthUnit = z.enum(['cm', 'mm', 'in']).meta({ description: 'Unit of every length in the measurements' });
export const WeightUnit = z.enum(['g', 'kg']).meta({ description: 'Unit of the weight' });

const positive = z.number().positive('must be greater than 0').max(100_000);

export const Measurements = z
  .strictObject({
    height: positive.optional().meta({ description: 'Height, in `unit`' }),
    width: positive.optional().meta({ description: 'Width, in `unit`' }),
    depth: positive.optional().meta({ description: 'Depth, in `unit`' }),
    diameter: positive.optional().meta({ description: 'Diameter, in `unit`' }),
    unit: LengthUnit.optional(),
    weight: positive.optional().meta({ description: 'Weight, in `weightUnit`' }),
    weightUnit: WeightUnit.optional(),
  })
  .superRefine((m, ctx) => {
    const hasLength = [m.height, m.width, m.depth, m.diameter].some((v) => v !== undefined);
    if (hasLength && !m.unit) ctx.addIssue({ code: 'custom', path: ['unit'], message: 'is required when a length is given (cm, mm or in)' });
    if (m.weight !== undefined && !m.weightUnit) ctx.addIssue({ code: 'custom', path: ['weightUnit'], message: 'is required when a weight is given (g or kg)' });
    if (!hasLength && m.weight === undefined) ctx.addIssue({ code: 'custom', path: [], message: 'must give at least one dimension or the weight' });
  })
  .meta({ id: 'Measurements', description: 'Object ID "Measurements": size and weight with their units' });

export const Inscription = z
  .strictObject({
    text: text(1000).meta({ description: 'The inscription as written, in its own script where possible' }),
    location: text(200).optional().meta({ description: 'Where on the object, e.g. "lower left, on the frame"' }),
    script: z
      .string()
      .regex(/^[A-Z][a-z]{3}$/, 'must be an ISO 15924 script code such as "Latn", "Grek", "Cyrl" or "Arab"')
      .optional()
      .meta({ description: 'ISO 15924 script code' }),
    language: LanguageTag.optional().meta({ description: 'Language of the inscription (BCP 47)' }),
  })
  .meta({ id: 'Inscription', description: 'Object ID "Inscriptions and Markings": text written on the object' });

export const MarkingKind = z.enum(['inventory-number', 'label', 'seal', 'stamp', 'signature', 'other']);

export const Marking = z
  .strictObject({
    kind: MarkingKind.meta({ description: 'What sort of mark it is' }),
    text: text(500).meta({ description: 'What the mark says or shows, e.g. "MB 1234"' }),
    location: text(200).optional().meta({ description: 'Where on the object' }),
  })
  .meta({ id: 'Marking', description: 'An identifying mark: inventory number, label, seal, stamp or signature' });

export const LossStatus = z.enum(['stolen', 'missing', 'looted']).meta({ description: 'Why the object is sought' });
export const UnsettledStatus = z
  .enum(['found-unresolved', 'disputed'])
  .meta({ description: 'found-unresolved: located, ownership not settled; disputed: a claim is contested (see the notice)' });
export const FoundStatus = z.enum(['recovered', 'returned']).meta({ description: 'The object is no longer sought' });
export const ObjectStatus = z
  .enum(['inventoried', ...LossStatus.options, ...UnsettledStatus.options, ...FoundStatus.options])
  .meta({ id: 'ObjectStatus', description: 'inventoried: described before any loss, seen by its own organisation only; allowed changes: GET /v1/statuses' });
export type ObjectStatus = z.infer<typeof ObjectStatus>;

export const Visibility = z
  .enum(['public', 'partners', 'law-enforcement'])
  .meta({
    id: 'Visibility',
    description: 'Who reads the record: public: everyone; partners: museums, police, customs and the art market; law-enforcement: police, customs and the owning organisation',
  });
export type Visibility = z.infer<typeof Visibility>;
export const defaultVisibility: Visibility = 'partners';

export const Incident = z
  .strictObject({
    date: PartialDate.optional().meta({ description: 'When the loss happened or was discovered' }),
    country: CountryCode.meta({ description: 'Country where the loss happened' }),
    place: text(300).optional().meta({ description: 'Town, site or institution' }),
    circumstances: text(3000).optional().meta({ description: 'What happened, e.g. "burglary at night through a window"' }),
  })
  .meta({ id: 'Incident', description: 'The theft, loss or looting' });

export const Contact = z
  .strictObject({
    name: text(200).meta({ description: 'Person or office to contact about the object' }),
    email: z.email().max(320).optional(),
    phone: z.string().regex(/^\+?[0-9 ()./-]{5,30}$/, 'must be a phone number such as "+30 210 123 4567"').optional(),
  })
  .meta({ id: 'Contact', description: 'Restricted: who to contact about the object' });

/** The descriptive fields of Object ID, shared by registration and edits. */
export const objectIdFields = {
  lang: LanguageTag.meta({ description: 'Language of the free-text fields of this record (BCP 47)' }),
  objectType: text(100).meta({ description: 'Object ID "Type of Object", e.g. "icon", "painting", "coin"', examples: ['icon'] }),
  title: text(300).optional().meta({ description: 'Object ID "Title": a name by which the object is known' }),
  materials: z.array(text(100)).max(30).optional().meta({ description: 'Object ID "Materials", e.g. ["tempera", "wood", "gold leaf"]' }),
  techniques: z.array(text(100)).max(30).optional().meta({ description: 'Object ID "Techniques", e.g. ["carved", "gilded"]' }),
  measurements: Measurements.optional(),
  inscriptions: z.array(Inscription).max(50).optional(),
  markings: z.array(Marking).max(50).optional(),
  distinguishingFeatures: text(3000).optional().meta({ description: 'Object ID "Distinguishing Features": damage, repairs, defects' }),
  subject: text(500).optional().meta({ description: 'Object ID "Subject": what is pictured or represented' }),
  dateOrPeriod: text(200).optional().meta({ description: 'Object ID "Date or Period", e.g. "17th century" or "1654"' }),
  maker: text(300).optional().meta({ description: 'Object ID "Maker": artist, workshop or manufacturer' }),
  culture: text(200).optional().meta({ description: 'Culture or school, e.g. "Cretan school", "Apulian"' }),
  description: text(5000)
    .refine((value) => value.length >= 10, 'must be a short paragraph of at least 10 characters')
    .meta({ description: 'Object ID "Description": a short paragraph anyone could recognise the object by' }),
  incident: Incident.optional().meta({ description: 'Required for a stolen, missing or looted object; an inventoried one gets it when it is lost' }),
  visibility: Visibility.optional().meta({ description: 'Who reads the record (default partners); matching runs over every record whatever its visibility' }),
  policeReference: text(100).optional().meta({ description: 'Restricted: the police case reference' }),
  contact: Contact.optional(),
};

/** Fields that only police, customs, admins and the owning museum may see. */
export const restrictedFields = ['policeReference', 'contact'] as const;

export const RegisterObject = z
  .strictObject({ ...objectIdFields, status: z.enum(['inventoried', ...LossStatus.options]), visibility: Visibility.default(defaultVisibility) })
  .superRefine((record, ctx) => {
    if (record.status !== 'inventoried' && !record.incident) {
      ctx.addIssue({ code: 'custom', path: ['incident'], message: 'is required for a stolen, missing or looted object: when, where (country) and how it was lost' });
    }
  })
  .meta({
    id: 'RegisterObject',
    description: 'An Object ID record of a stolen, missing or looted object, or of one inventoried before any loss (seen by its own organisation only, never matched)',
  });
export type RegisterObject = z.infer<typeof RegisterObject>;

// Merge-patch semantics: a field present replaces the stored one; null removes an optional field.
const clearable = <T extends z.ZodType>(field: z.ZodOptional<T>) => field.unwrap().nullable().optional();
const f = objectIdFields;

export const EditObject = z
  .strictObject({
    lang: f.lang.optional(),
    objectType: f.objectType.optional(),
    description: f.description.optional(),
    incident: f.incident,
    visibility: f.visibility,
    title: clearable(f.title),
    materials: clearable(f.materials),
    techniques: clearable(f.techniques),
    measurements: clearable(f.measurements),
    inscriptions: clearable(f.inscriptions),
    markings: clearable(f.markings),
    distinguishingFeatures: clearable(f.distinguishingFeatures),
    subject: clearable(f.subject),
    dateOrPeriod: clearable(f.dateOrPeriod),
    maker: clearable(f.maker),
    culture: clearable(f.culture),
    policeReference: clearable(f.policeReference),
    contact: clearable(f.contact),
  })
  .refine((patch) => Object.keys(patch).length > 0, 'must change at least one field')
  .meta({ id: 'EditObject', description: 'Fields to change; null removes an optional field. Status changes go through /status.' });
export type EditObject = z.infer<typeof EditObject>;

export const ChangeStatus = z
  .strictObject({
    status: ObjectStatus,
    note: text(2000).optional().meta({ description: 'Why the status changed, e.g. "seized by customs at Piraeus, 2024-05-02"; required for disputed, and then shown to partners' }),
    incident: Incident.optional().meta({ description: 'The loss, when an inventoried (or recovered) object is lost: required when the object has none yet' }),
  })
  .superRefine((change, ctx) => {
    if (change.status === 'disputed' && !change.note) {
      ctx.addIssue({ code: 'custom', path: ['note'], message: 'is required for disputed: say who contests the ownership and on what grounds' });
    }
    if (change.incident && !LossStatus.safeParse(change.status).success) {
      ctx.addIssue({ code: 'custom', path: ['incident'], message: 'is given only with a loss (stolen, missing or looted)' });
    }
  })
  .meta({ id: 'ChangeStatus' });
export type ChangeStatus = z.infer<typeof ChangeStatus>;
