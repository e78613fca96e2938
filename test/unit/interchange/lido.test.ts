import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { toLido } from '../../../functions/interchange/lido.ts';
import { RegisterObject } from '../../../schemas/object-id.ts';
import { caller, greekIcon, malianTerracotta } from '../../fixtures/objects.ts';
import { viewAs } from '../../support/object-views.ts';

const apiUrl = 'https://api.registry.example';
// Attributes kept, text always under #text, every element a list: paths below read the same whatever repeats.
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', alwaysCreateTextNode: true, isArray: (_name, _path, _leaf, isAttribute) => !isAttribute, parseTagValue: false });

const parsed = (xml: string) => parser.parse(xml)['lido:lidoWrap'][0]['lido:lido'] as any[];
const textOf = (node: any) => node['#text'] as string;

describe('toLido', () => {
  it('carries the record id and URL, the object type, title and inventory number', async () => {
    // Arrange
    const view = await viewAs(greekIcon);

    // Act
    const [record] = parsed(toLido([view], apiUrl));

    // Assert
    expect(textOf(record['lido:lidoRecID'][0])).toBe(view.id);
    const identification = record['lido:descriptiveMetadata'][0]['lido:objectIdentificationWrap'][0];
    expect(textOf(identification['lido:titleWrap'][0]['lido:titleSet'][0]['lido:appellationValue'][0])).toBe('Άγιος Νικόλαος');
    const workId = identification['lido:repositoryWrap'][0]['lido:repositorySet'][0]['lido:workID'][0];
    expect(workId).toMatchObject({ '#text': 'ΚΑΣ 1187', '@lido:type': 'inventory number' });
    const workType = record['lido:descriptiveMetadata'][0]['lido:objectClassificationWrap'][0]['lido:objectWorkTypeWrap'][0]['lido:objectWorkType'][0];
    expect(textOf(workType['lido:term'][0])).toBe('εικόνα');
    const recordInfo = record['lido:administrativeMetadata'][0]['lido:recordWrap'][0]['lido:recordInfoSet'][0];
    expect(textOf(recordInfo['lido:recordInfoLink'][0])).toBe(`${apiUrl}/v1/objects/${view.id}`);
  });

  it('gives each measurement its type, value and unit as AAT concepts', async () => {
    // Arrange
    const view = await viewAs(malianTerracotta);

    // Act
    const [record] = parsed(toLido([view], apiUrl));

    // Assert
    const sets = record['lido:descriptiveMetadata'][0]['lido:objectIdentificationWrap'][0]['lido:objectMeasurementsWrap'][0]['lido:objectMeasurementsSet'][0]['lido:objectMeasurements'][0]['lido:measurementsSet'];
    const measured = sets.map((set: any) => ({
      type: textOf(set['lido:measurementType'][0]['lido:term'][0]),
      value: textOf(set['lido:measurementValue'][0]),
      unit: textOf(set['lido:measurementUnit'][0]['lido:conceptID'][0]),
    }));
    expect(measured).toEqual([
      { type: 'height', value: '38', unit: 'http://vocab.getty.edu/aat/300379098' },
      { type: 'weight', value: '2.4', unit: 'http://vocab.getty.edu/aat/300379226' },
    ]);
  });

  it('keeps the Greek inscription with its language', async () => {
    // Arrange
    const view = await viewAs(greekIcon);

    // Act
    const [record] = parsed(toLido([view], apiUrl));

    // Assert
    const inscription = record['lido:descriptiveMetadata'][0]['lido:objectIdentificationWrap'][0]['lido:inscriptionsWrap'][0]['lido:inscriptions'][0];
    expect(inscription['lido:inscriptionTranscription'][0]).toMatchObject({ '#text': 'Ο ΑΓΙΟΣ ΝΙΚΟΛΑΟΣ', '@xml:lang': 'el' });
  });

  it('exports the incident as a theft event with its country, place and dates', async () => {
    // Arrange
    const view = await viewAs(greekIcon);

    // Act
    const [record] = parsed(toLido([view], apiUrl));

    // Assert
    const events = record['lido:descriptiveMetadata'][0]['lido:eventWrap'][0]['lido:eventSet'].map((set: any) => set['lido:event'][0]);
    const theft = events.find((event: any) => textOf(event['lido:eventType'][0]['lido:term'][0]) === 'theft');
    expect(textOf(theft['lido:eventType'][0]['lido:conceptID'][0])).toBe('http://vocab.getty.edu/aat/300055292');
    expect(theft['lido:eventPlace'][0]['lido:place'][0]['lido:placeID'][0]).toMatchObject({ '#text': 'GR', '@lido:type': 'ISO 3166-1 alpha-2' });
    expect(textOf(theft['lido:eventPlace'][0]['lido:displayPlace'][0])).toBe('Ιερός Ναός Αγίου Νικολάου, Καστοριά, GR');
    const date = theft['lido:eventDate'][0];
    expect(textOf(date['lido:displayDate'][0])).toBe('2023-11-18');
    expect(textOf(date['lido:date'][0]['lido:earliestDate'][0])).toBe('2023-11-18');
    expect(textOf(date['lido:date'][0]['lido:latestDate'][0])).toBe('2023-11-18');
  });

  it('carries the police reference to a police reader and leaves it out for a market reader', async () => {
    // Arrange
    const police = await viewAs(greekIcon, caller('police', 'hellenic-police'));
    const market = await viewAs(greekIcon, caller('market', 'auction-watch'));

    // Act
    const forPolice = toLido([police], apiUrl);
    const forMarket = toLido([market], apiUrl);

    // Assert
    expect(forPolice).toContain(greekIcon.policeReference);
    expect(market).not.toHaveProperty('policeReference');
    expect(forMarket).not.toContain(greekIcon.policeReference);
    expect(forMarket).not.toContain(greekIcon.contact?.email);
  });

  it('escapes XML special characters in a title, which parse back unchanged', async () => {
    // Arrange
    const title = 'Icon <"Saint" Nicholas> & \'Child\'';
    const view = await viewAs(RegisterObject.parse({ ...greekIcon, title }));

    // Act
    const xml = toLido([view], apiUrl);

    // Assert
    expect(xml).not.toContain(title);
    const [record] = parsed(xml);
    expect(textOf(record['lido:descriptiveMetadata'][0]['lido:objectIdentificationWrap'][0]['lido:titleWrap'][0]['lido:titleSet'][0]['lido:appellationValue'][0])).toBe(title);
  });

  it('wraps several records in one lidoWrap, with links to their photos', async () => {
    // Arrange
    const views = [await viewAs(greekIcon), await viewAs(malianTerracotta)];

    // Act
    const records = parsed(toLido(views, apiUrl));

    // Assert
    expect(records.map((record) => textOf(record['lido:lidoRecID'][0]))).toEqual(views.map((view) => view.id));
    const resource = records[0]['lido:administrativeMetadata'][0]['lido:resourceWrap'][0]['lido:resourceSet'][0];
    expect(textOf(resource['lido:resourceRepresentation'][0]['lido:linkResource'][0])).toBe(views[0]?.images[0]?.url);
  });
});
