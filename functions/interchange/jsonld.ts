// Maps what a caller may see of an object to CIDOC-CRM JSON-LD in the Linked Art profile.
import type { ObjectView } from '../../schemas/object.ts';
import { concepts, type Concept } from './aat.ts';
import { dimensionsOf, lossOf, markingsOf, recordUrl, spanOf } from './record-parts.ts';

export const linkedArtContext = 'https://linked.art/ns/v1/linked-art.json';

type Node = Record<string, unknown>;

const type = (c: Concept, meta?: Concept): Node => ({ id: c.id, type: 'Type', _label: c.label, ...(meta ? { classified_as: [type(meta)] } : {}) });
// The record's own words for types and materials, not matched to AAT: a labelled Type, optionally of a kind that is.
const named = (label: string, nodeType = 'Type', kind?: Concept): Node => ({
  type: nodeType,
  _label: label,
  identified_by: [{ type: 'Name', content: label }],
  ...(kind ? { classified_as: [type(kind)] } : {}),
});
// Records carry BCP 47 tags, not AAT languages: the tag is the language's identifier.
const language = (tag: string): Node => ({ type: 'Language', _label: tag, identified_by: [{ type: 'Identifier', content: tag }] });
const statement = (content: string, lang: string, classifiedAs: Node): Node => ({ type: 'LinguisticObject', content, language: [language(lang)], classified_as: [classifiedAs] });
const listOf = <T>(items: T[]) => (items.length > 0 ? items : undefined);

function production(view: ObjectView): Node | undefined {
  if (!view.maker && !view.dateOrPeriod && !view.techniques?.length) return undefined;
  return {
    type: 'Production',
    carried_out_by: view.maker ? [{ type: 'Actor', _label: view.maker }] : undefined,
    technique: listOf((view.techniques ?? []).map((technique) => named(technique))),
    timespan: view.dateOrPeriod ? { type: 'TimeSpan', identified_by: [{ type: 'Name', content: view.dateOrPeriod }] } : undefined,
  };
}

// Linked Art has no ownership change for a theft: the object was present at an activity classified as one.
function loss(view: ObjectView): Node | undefined {
  const incident = lossOf(view);
  if (!incident) return undefined;
  const span = incident.date ? spanOf(incident.date) : undefined;
  return {
    type: 'Activity',
    _label: incident.theft ? 'theft' : 'loss',
    classified_as: incident.theft ? [type(concepts.theft)] : undefined,
    identified_by: view.policeReference ? [{ type: 'Identifier', _label: 'police reference', content: view.policeReference }] : undefined,
    took_place_at: [
      {
        type: 'Place',
        _label: [incident.place, incident.country].filter(Boolean).join(', '),
        identified_by: [...(incident.place ? [{ type: 'Name', content: incident.place }] : []), { type: 'Identifier', _label: 'ISO 3166-1 alpha-2', content: incident.country }],
      },
    ],
    timespan: incident.date && span
      ? { type: 'TimeSpan', identified_by: [{ type: 'Name', content: incident.date }], begin_of_the_begin: span.begin, end_of_the_end: span.end }
      : undefined,
    referred_to_by: incident.circumstances ? [statement(incident.circumstances, view.lang, type(concepts.description, concepts.briefText))] : undefined,
  };
}

/** The object as a Linked Art HumanMadeObject; its `id` is the record's URL in this API. */
export function toLinkedArt(view: ObjectView, apiUrl: string): Node {
  const { inventoryNumbers, marks } = markingsOf(view);
  const brief = type(concepts.description, concepts.briefText);
  const lost = loss(view);
  const ready = view.images.filter((image) => image.url);
  return {
    '@context': linkedArtContext,
    id: recordUrl(view, apiUrl),
    type: 'HumanMadeObject',
    _label: view.title ?? view.objectType,
    classified_as: [named(view.objectType, 'Type', concepts.typeOfWork), ...(view.culture ? [named(view.culture, 'Type', concepts.culture)] : [])],
    identified_by: [
      ...(view.title ? [{ type: 'Name', content: view.title, language: [language(view.lang)] }] : []),
      { type: 'Identifier', _label: 'registry record', content: view.id },
      ...inventoryNumbers.map((number) => ({ type: 'Identifier', content: number.text, classified_as: [type(concepts.accessionNumber)] })),
    ],
    referred_to_by: [
      statement(view.description, view.lang, brief),
      ...(view.distinguishingFeatures ? [statement(view.distinguishingFeatures, view.lang, named('distinguishing features', 'Type', concepts.briefText))] : []),
      { type: 'LinguisticObject', content: view.status, classified_as: [named('registry status')] },
      ...(view.notice ? [statement(view.notice, 'en', named('notice'))] : []),
    ],
    made_of: listOf((view.materials ?? []).map((material) => named(material, 'Material'))),
    dimension: listOf(
      dimensionsOf(view).map((d) => ({ type: 'Dimension', value: d.value, unit: { id: d.unit.id, type: 'MeasurementUnit', _label: d.unit.label }, classified_as: [type(d.type)] })),
    ),
    carries: listOf([
      ...(view.inscriptions ?? []).map((inscription) => ({
        type: 'LinguisticObject',
        content: inscription.text,
        classified_as: [type(concepts.inscription)],
        language: inscription.language ? [language(inscription.language)] : undefined,
        referred_to_by: inscription.location ? [{ type: 'LinguisticObject', content: inscription.location, classified_as: [named('location')] }] : undefined,
      })),
      ...marks.map((mark) => ({
        type: 'LinguisticObject',
        content: mark.text,
        classified_as: [named(mark.kind)],
        referred_to_by: mark.location ? [{ type: 'LinguisticObject', content: mark.location, classified_as: [named('location')] }] : undefined,
      })),
    ]),
    shows: view.subject ? [{ type: 'VisualItem', _label: view.subject, referred_to_by: [statement(view.subject, view.lang, named('subject'))] }] : undefined,
    produced_by: production(view),
    present_at: lost ? [lost] : undefined,
    representation: listOf(
      ready.map((image) => ({ type: 'VisualItem', digitally_shown_by: [{ type: 'DigitalObject', format: 'image/jpeg', access_point: [{ id: image.url, type: 'DigitalObject' }] }] })),
    ),
  };
}
