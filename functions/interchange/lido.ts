// Maps what a caller may see of an object to LIDO 1.1 XML, the harvesting format of museum collection systems.
import { XMLBuilder } from 'fast-xml-parser';
import type { ObjectView } from '../../schemas/object.ts';
import { concepts, type Concept } from './aat.ts';
import { dimensionsOf, lossOf, markingsOf, recordUrl, spanOf } from './record-parts.ts';

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@', format: true, suppressEmptyNode: true });

type Element = Record<string, unknown>;

const text = (value: string, attributes: Element = {}): Element => ({ '#text': value, ...attributes });
const term = (value: string, lang?: string): Element => ({ 'lido:term': lang ? text(value, { '@xml:lang': lang }) : value });
const concept = (c: Concept): Element => ({ 'lido:conceptID': text(c.id, { '@lido:type': 'URI', '@lido:source': 'AAT' }), 'lido:term': text(c.label, { '@xml:lang': 'en' }) });
const note = (value: string, type?: string): Element => ({ ...(type ? { '@lido:type': type } : {}), 'lido:descriptiveNoteValue': value });
const listOf = <T>(items: T[]) => (items.length > 0 ? items : undefined);

function production(view: ObjectView): Element | undefined {
  const materials = [...(view.materials ?? []).map((m) => ({ type: 'material', m })), ...(view.techniques ?? []).map((m) => ({ type: 'technique', m }))];
  if (!view.maker && !view.culture && !view.dateOrPeriod && materials.length === 0) return undefined;
  return {
    'lido:eventType': term('production', 'en'),
    'lido:eventActor': view.maker ? { 'lido:displayActorInRole': view.maker } : undefined,
    'lido:culture': view.culture ? term(view.culture) : undefined,
    'lido:eventDate': view.dateOrPeriod ? { 'lido:displayDate': view.dateOrPeriod } : undefined,
    'lido:eventMaterialsTech': listOf(materials.map(({ type, m }) => ({ 'lido:materialsTech': { 'lido:termMaterialsTech': { '@lido:type': type, ...term(m) } } }))),
  };
}

function loss(view: ObjectView): Element | undefined {
  const incident = lossOf(view);
  if (!incident) return undefined;
  const span = incident.date ? spanOf(incident.date) : undefined;
  return {
    'lido:eventID': view.policeReference ? text(view.policeReference, { '@lido:type': 'police reference' }) : undefined,
    'lido:eventType': incident.theft ? concept(concepts.theft) : term('loss', 'en'),
    'lido:eventDate': incident.date && span
      ? { 'lido:displayDate': incident.date, 'lido:date': { 'lido:earliestDate': span.begin.slice(0, 10), 'lido:latestDate': span.end.slice(0, 10) } }
      : undefined,
    'lido:eventPlace': {
      'lido:displayPlace': [incident.place, incident.country].filter(Boolean).join(', '),
      'lido:place': { 'lido:placeID': text(incident.country, { '@lido:type': 'ISO 3166-1 alpha-2' }) },
    },
    'lido:eventDescriptionSet': incident.circumstances ? note(incident.circumstances) : undefined,
  };
}

function record(view: ObjectView, apiUrl: string): Element {
  const url = recordUrl(view, apiUrl);
  const { inventoryNumbers, marks } = markingsOf(view);
  const inscriptions = [
    ...(view.inscriptions ?? []).map((inscription) => ({
      '@lido:type': 'inscription',
      'lido:inscriptionTranscription': inscription.language ? text(inscription.text, { '@xml:lang': inscription.language }) : inscription.text,
      'lido:inscriptionDescription': listOf([inscription.script && note(inscription.script, 'script'), inscription.location && note(inscription.location, 'location')].filter(Boolean)),
    })),
    ...marks.map((mark) => ({
      '@lido:type': mark.kind,
      'lido:inscriptionTranscription': mark.text,
      'lido:inscriptionDescription': mark.location ? note(mark.location, 'location') : undefined,
    })),
  ];
  const dimensions = dimensionsOf(view);
  const events = [production(view), loss(view)].filter((event) => event !== undefined);
  const ready = view.images.filter((image) => image.url);
  return {
    'lido:lidoRecID': text(view.id, { '@lido:type': 'http://terminology.lido-schema.org/identifier_type/local_identifier', '@lido:source': apiUrl }),
    'lido:category': { 'lido:conceptID': text('http://www.cidoc-crm.org/cidoc-crm/E22_Human-Made_Object', { '@lido:type': 'URI' }), ...term('Human-Made Object', 'en') },
    'lido:descriptiveMetadata': {
      '@xml:lang': view.lang,
      'lido:objectClassificationWrap': {
        'lido:objectWorkTypeWrap': { 'lido:objectWorkType': term(view.objectType) },
        'lido:classificationWrap': { 'lido:classification': { '@lido:type': 'status', ...term(view.status, 'en') } },
      },
      'lido:objectIdentificationWrap': {
        'lido:titleWrap': { 'lido:titleSet': { 'lido:appellationValue': view.title ?? view.objectType } },
        'lido:inscriptionsWrap': listOf(inscriptions) && { 'lido:inscriptions': inscriptions },
        'lido:repositoryWrap': {
          'lido:repositorySet': {
            '@lido:type': 'current',
            'lido:repositoryName': { 'lido:legalBodyID': text(view.orgId, { '@lido:type': 'local', '@lido:source': apiUrl }) },
            'lido:workID': listOf(inventoryNumbers.map((number) => text(number.text, { '@lido:type': 'inventory number' }))),
          },
        },
        'lido:objectDescriptionWrap': {
          'lido:objectDescriptionSet': [
            note(view.description, 'description'),
            ...(view.distinguishingFeatures ? [note(view.distinguishingFeatures, 'distinguishing features')] : []),
            ...(view.notice ? [note(view.notice, 'notice')] : []),
          ],
        },
        'lido:objectMeasurementsWrap': listOf(dimensions) && {
          'lido:objectMeasurementsSet': {
            'lido:displayObjectMeasurements': dimensions.map((d) => `${d.type.label} ${d.value} ${d.unitCode}`).join('; '),
            'lido:objectMeasurements': {
              'lido:measurementsSet': dimensions.map((d) => ({
                'lido:measurementType': concept(d.type),
                'lido:measurementUnit': concept(d.unit),
                'lido:measurementValue': d.value,
              })),
            },
          },
        },
      },
      'lido:eventWrap': listOf(events) && { 'lido:eventSet': events.map((event) => ({ 'lido:event': event })) },
      'lido:objectRelationWrap': view.subject ? { 'lido:subjectWrap': { 'lido:subjectSet': { 'lido:displaySubject': view.subject } } } : undefined,
    },
    'lido:administrativeMetadata': {
      '@xml:lang': view.lang,
      'lido:recordWrap': {
        'lido:recordID': text(view.id, { '@lido:type': 'local' }),
        'lido:recordType': term('item', 'en'),
        'lido:recordSource': { 'lido:legalBodyID': text(view.orgId, { '@lido:type': 'local', '@lido:source': apiUrl }) },
        'lido:recordInfoSet': { 'lido:recordInfoLink': url, 'lido:recordMetadataDate': text(view.updatedAt, { '@lido:type': 'modified' }) },
      },
      'lido:resourceWrap': listOf(ready) && {
        'lido:resourceSet': ready.map((image) => ({
          'lido:resourceID': text(image.id, { '@lido:type': 'local' }),
          'lido:resourceRepresentation': [
            { '@lido:type': 'image_master', 'lido:linkResource': image.url },
            ...(image.thumbnailUrl ? [{ '@lido:type': 'image_thumb', 'lido:linkResource': image.thumbnailUrl }] : []),
          ],
        })),
      },
    },
  };
}

/** One `lido:lidoWrap` document holding a `lido:lido` record per object. */
export function toLido(views: readonly ObjectView[], apiUrl: string): string {
  return builder.build({
    '?xml': { '@version': '1.0', '@encoding': 'UTF-8' },
    'lido:lidoWrap': {
      '@xmlns:lido': 'http://www.lido-schema.org',
      '@xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      '@xsi:schemaLocation': 'http://www.lido-schema.org http://www.lido-schema.org/schema/v1.1/lido-v1.1.xsd',
      'lido:lido': views.map((view) => record(view, apiUrl)),
    },
  });
}
