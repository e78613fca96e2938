// ICOM Red List categories (kinds of object at risk, not single objects), loaded from red-lists.json and checked when the module loads.
import * as z from 'zod';
import categories from './red-lists.json' with { type: 'json' };
import { CountryCode, text } from './primitives.ts';
import type { ConceptKind } from './vocabulary-concept.ts';
import conceptIdsByKind from './vocabulary-kinds.json' with { type: 'json' };

const Year = z.int().min(-12_000).max(2100).meta({ description: 'A calendar year; negative before Christ (-3000 is 3000 BC)' });
const conceptIds = (min: number, description: string) => z.array(z.string()).min(min).max(30).meta({ description: `${description}: concept ids of the matching vocabulary` });

export const RedListCategory = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case').meta({ examples: ['iraq-antiquities'] }),
  title: z
    .strictObject({ en: text(200), fr: text(200), es: text(200), ar: text(200) })
    .meta({ description: 'The title in each language of the console' }),
  countries: z.array(CountryCode).min(1).max(30).meta({ description: 'Countries of origin the category covers' }),
  objectTypes: conceptIds(1, 'Object types, each covering its narrower types (sculpture covers a statuette)'),
  materials: conceptIds(0, 'Materials and techniques typical of the category'),
  subjects: conceptIds(0, 'Subjects and scripts typical of the category (cuneiform)'),
  period: z
    .strictObject({ from: Year, to: Year })
    .refine((period) => period.from <= period.to, 'from must not be after to')
    .meta({ description: 'The years the category spans' }),
  note: text(500).meta({ description: 'How to recognise such an object' }),
  source: z.url({ protocol: /^https$/ }).meta({ description: 'The ICOM Red List the category is modelled on' }),
});
export type RedListCategory = z.infer<typeof RedListCategory>;

const kindOf = new Map(Object.entries(conceptIdsByKind).flatMap(([kind, ids]) => ids.map((id) => [id, kind as ConceptKind] as const)));
const conceptFields: [field: 'objectTypes' | 'materials' | 'subjects', kind: ConceptKind][] = [
  ['objectTypes', 'objectType'],
  ['materials', 'material'],
  ['subjects', 'subject'],
];

export const RedLists = z.array(RedListCategory).superRefine((lists, ctx) => {
  const seen = new Set<string>();
  lists.forEach((list, index) => {
    if (seen.has(list.id)) ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `repeats the id "${list.id}"` });
    seen.add(list.id);
    for (const [field, kind] of conceptFields) {
      list[field].forEach((id, at) => {
        if (kindOf.get(id) !== kind) ctx.addIssue({ code: 'custom', path: [index, field, at], message: `"${id}" is not a ${kind} of the vocabulary` });
      });
    }
  });
});

export const redLists: RedListCategory[] = RedLists.parse(categories);

export const RedListView = RedListCategory.meta({ id: 'RedListView', description: 'A category of objects at risk, modelled on an ICOM Red List' });

export const RedListsPage = z.strictObject({ items: z.array(RedListView) }).meta({ id: 'RedListsPage' });

export const RedListHit = z
  .strictObject({
    id: z.string().meta({ description: 'The id of the Red List category', examples: ['iraq-antiquities'] }),
    title: z.string().meta({ description: 'Its title' }),
    why: z.string().meta({ examples: ['tablet (type), terracotta (material: clay), from Iraq (origin); cuneiform'] }),
  })
  .meta({ id: 'RedListHit', description: 'The object described fits a Red List category: check its provenance before anything else' });
export type RedListHit = z.infer<typeof RedListHit>;
