// Checks a sighting or a search against the ICOM Red List categories: which ones the object described fits, and on what evidence.
import { type RedListCategory, type RedListHit, redLists } from '../../schemas/red-lists.ts';
import type { TextQuery } from '../matching/model.ts';
import { fold, tokenise } from '../matching/text/normalise.ts';
import { type OriginHit, originsIn } from '../matching/text/origin.ts';
import { type StatedPeriod, periodOutsideMarks } from '../matching/text/period.ts';
import { type ConceptHit, conceptLabel, findConcepts, lineage } from '../matching/text/vocabulary.ts';

interface Category {
  id: string;
  title: string;
  types: ReadonlySet<string>;
  materials: ReadonlySet<string>;
  subjects: ReadonlySet<string>;
  countries: ReadonlySet<string>;
  from: number;
  to: number;
}

const prepare = (categories: readonly RedListCategory[]): Category[] =>
  categories.map((category) => ({
    id: category.id,
    title: category.title.en,
    types: new Set(category.objectTypes),
    materials: new Set(category.materials),
    subjects: new Set(category.subjects),
    countries: new Set(category.countries),
    from: category.period.from,
    to: category.period.to,
  }));

const prepared = new WeakMap<readonly RedListCategory[], Category[]>([[redLists, prepare(redLists)]]);

interface Concept {
  hit: ConceptHit;
  /** The concept and every wider one: a statuette fits a category of sculpture. */
  lineage: string[];
}

interface Evidence {
  types: Concept[];
  materials: Concept[];
  subjects: Concept[];
  origins: OriginHit[];
  period?: StatedPeriod;
}

function evidenceOf(query: TextQuery): Evidence | undefined {
  const folded = fold(query.text ?? '');
  const tokens = tokenise(folded);
  const fields = [query.structured?.objectType ?? '', ...(query.structured?.materials ?? [])];
  const hits = [...fields.flatMap((field) => findConcepts(tokenise(fold(field))).hits), ...findConcepts(tokens).hits];
  const ofKind = (kind: ConceptHit['kind']) => [...new Map(hits.filter((hit) => hit.kind === kind).map((hit) => [hit.concept, { hit, lineage: lineage(hit.concept) }])).values()];
  const types = ofKind('objectType');
  if (types.length === 0) return undefined;
  const period = periodOutsideMarks(folded);
  // structured.country is where the object was seen, which says nothing of where it comes from.
  return { types, materials: ofKind('material'), subjects: ofKind('subject'), origins: originsIn(tokens), ...(period ? { period } : {}) };
}

const countryNames = new Intl.DisplayNames(['en'], { type: 'region' });

function conceptNote(concept: Concept, kind: string): string {
  const label = conceptLabel(concept.hit.concept);
  return fold(label) === concept.hit.term ? `${label} (${kind})` : `${label} (${kind}: ${concept.hit.term})`;
}

function originNote(origins: OriginHit[]): string {
  const terms: string[] = [];
  const named = [...Map.groupBy(origins, (origin) => origin.words)].map(([words, [first, ...others]]) => {
    if (others.length > 0 || !first) return words;
    const name = countryNames.of(first.country) ?? first.country;
    if (fold(name) !== words) terms.push(words);
    return `from ${name}`;
  });
  return `${named.join(', ')} (origin${terms.length > 0 ? `: ${terms.join(', ')}` : ''})`;
}

const fits = (concepts: Concept[], ids: ReadonlySet<string>) => concepts.filter((concept) => concept.lineage.some((id) => ids.has(id)));

/**
 * The rule: the object must be of one of the category's types (or a narrower one), and either its origin (a country or a
 * culture of one) or a subject typical of the category (cuneiform, an Orthodox saint) must agree. A type alone flags too much
 * (not every icon was looted from a Cypriot church), and so do a material and a period: gold and "post-Byzantine" fit Coptic
 * Egypt as well as Greece. Materials and periods that agree go into the reasons. What the reporter states against the
 * category wins over whatever agrees: an origin only outside its countries, or a period that does not overlap its years,
 * rules it out.
 */
function fit(category: Category, evidence: Evidence): string | undefined {
  const types = fits(evidence.types, category.types);
  // "figure" names both a figure and a statuette: the reason names the one the report wrote.
  const type = types.find((concept) => fold(conceptLabel(concept.hit.concept)) === concept.hit.term) ?? types[0];
  if (!type) return undefined;
  const origins = evidence.origins.filter((origin) => category.countries.has(origin.country));
  if (evidence.origins.length > 0 && origins.length === 0) return undefined;
  const { period } = evidence;
  if (period && (period.to < category.from || period.from > category.to)) return undefined;
  const materials = fits(evidence.materials, category.materials);
  const subjects = fits(evidence.subjects, category.subjects);
  if (origins.length === 0 && subjects.length === 0) return undefined;
  const notes = [
    conceptNote(type, 'type'),
    ...materials.map((material) => conceptNote(material, 'material')),
    ...(origins.length > 0 ? [originNote(origins)] : []),
    ...(period ? [`${period.stated} (period)`] : []),
  ];
  const also = subjects.map((subject) => conceptLabel(subject.hit.concept));
  return also.length > 0 ? `${notes.join(', ')}; ${also.join(', ')}` : notes.join(', ');
}

/** The Red List categories the object a sighting or search describes fits, with the evidence for each, in the order of the lists. */
export function redListHits(query: TextQuery, categories: readonly RedListCategory[] = redLists): RedListHit[] {
  const evidence = evidenceOf(query);
  if (!evidence) return [];
  let ready = prepared.get(categories);
  if (!ready) {
    ready = prepare(categories);
    prepared.set(categories, ready);
  }
  return ready.flatMap((category) => {
    const why = fit(category, evidence);
    return why === undefined ? [] : [{ id: category.id, title: category.title, why }];
  });
}
