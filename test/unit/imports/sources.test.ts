// Reading import files: CSV columns by header, synonym or mapping; JSON lines; LIDO records; defaults for the gaps.
import { describe, expect, it } from 'vitest';
import { readSource } from '../../../functions/imports/sources.ts';
import { ImportMapping } from '../../../schemas/imports.ts';
import { toLido } from '../../../functions/interchange/lido.ts';
import { RegisterObject } from '../../../schemas/object-id.ts';
import { greekIcon, malianTerracotta } from '../../fixtures/objects.ts';
import { viewAs } from '../../support/object-views.ts';

const burglary = ImportMapping.parse({ defaults: { status: 'stolen', lang: 'de', 'incident.country': 'DE', 'incident.date': '2026-11-02', 'incident.place': 'Gotha' } });

describe('readSource', () => {
  it('reads a CSV by its headers and common synonyms, splits lists, reads decimal commas and fills the defaults', () => {
    // Arrange
    const csv = [
      'Inventory No.,Type,title,materials,Height,Unit,description,photos',
      'SG 1041,Münze,"Solidus des Justinian","Gold; geprägt","2,1",cm,"Goldmünze, Vorderseite Büste des Kaisers",sg1041-a.jpg;sg1041-b.jpg',
    ].join('\n');

    // Act
    const [row] = readSource('csv', csv, burglary).rows;

    // Assert
    expect(row).toEqual({
      row: 2,
      images: ['sg1041-a.jpg', 'sg1041-b.jpg'],
      record: {
        status: 'stolen',
        lang: 'de',
        incident: { country: 'DE', date: '2026-11-02', place: 'Gotha' },
        markings: [{ kind: 'inventory-number', text: 'SG 1041' }],
        objectType: 'Münze',
        title: 'Solidus des Justinian',
        materials: ['Gold', 'geprägt'],
        measurements: { height: 2.1, unit: 'cm' },
        description: 'Goldmünze, Vorderseite Büste des Kaisers',
      },
    });
    expect(RegisterObject.safeParse(row && 'record' in row ? row.record : undefined).success).toBe(true);
  });

  it('follows a mapping file for headers in another language, and lets a row override a default', () => {
    // Arrange
    const mapping = ImportMapping.parse({ ...burglary, columns: { 'Inv.-Nr.': 'inventoryNumber', Objektart: 'objectType', Beschreibung: 'description', Land: 'incident.country' } });
    const csv = 'Inv.-Nr.;Objektart;Beschreibung;Land\nSG 7;Ikone;Ikone des heiligen Georg auf Goldgrund;AT\n'.replaceAll(';', ',');

    // Act
    const [row] = readSource('csv', csv, mapping).rows;

    // Assert
    expect(row && 'record' in row ? row.record : undefined).toMatchObject({ objectType: 'Ikone', incident: { country: 'AT', date: '2026-11-02' } });
  });

  it('reads JSON lines, reporting a line that is not JSON by its number', () => {
    // Arrange
    const lines = ['{"objectType":"icon","description":"Icon of St George on gold ground","images":["a.jpg"]}', '{not json', '', '{"objectType":"coin","description":"Silver tetradrachm of Athens"}'].join('\n');

    // Act
    const { rows } = readSource('jsonl', lines, burglary);

    // Assert
    expect(rows.map((row) => row.row)).toEqual([1, 2, 4]);
    expect(rows[0]).toMatchObject({ images: ['a.jpg'], record: { objectType: 'icon', status: 'stolen', incident: { country: 'DE' } } });
    expect(rows[1]).toMatchObject({ fields: [{ path: '', reason: expect.stringContaining('is not valid JSON') }] });
  });

  it('reads the Object ID fields of LIDO records', () => {
    // Arrange
    const lido = `<?xml version="1.0" encoding="UTF-8"?>
<lido:lidoWrap xmlns:lido="http://www.lido-schema.org">
  <lido:lido>
    <lido:lidoRecID lido:type="local">KAS-1187</lido:lidoRecID>
    <lido:descriptiveMetadata xml:lang="el">
      <lido:objectClassificationWrap><lido:objectWorkTypeWrap><lido:objectWorkType><lido:term>εικόνα</lido:term></lido:objectWorkType></lido:objectWorkTypeWrap></lido:objectClassificationWrap>
      <lido:objectIdentificationWrap>
        <lido:titleWrap><lido:titleSet><lido:appellationValue>Άγιος Νικόλαος</lido:appellationValue></lido:titleSet></lido:titleWrap>
        <lido:inscriptionsWrap><lido:inscriptions><lido:inscriptionTranscription>Ο ΑΓΙΟΣ ΝΙΚΟΛΑΟΣ</lido:inscriptionTranscription></lido:inscriptions></lido:inscriptionsWrap>
        <lido:repositoryWrap><lido:repositorySet><lido:workID lido:type="inventory number">ΚΑΣ 1187</lido:workID></lido:repositorySet></lido:repositoryWrap>
        <lido:objectDescriptionWrap><lido:objectDescriptionSet><lido:descriptiveNoteValue>Μεταβυζαντινή εικόνα του Αγίου Νικολάου &amp; σκηνές</lido:descriptiveNoteValue></lido:objectDescriptionSet></lido:objectDescriptionWrap>
        <lido:objectMeasurementsWrap><lido:objectMeasurementsSet><lido:objectMeasurements>
          <lido:measurementsSet><lido:measurementType>height</lido:measurementType><lido:measurementUnit>cm</lido:measurementUnit><lido:measurementValue>42.5</lido:measurementValue></lido:measurementsSet>
          <lido:measurementsSet><lido:measurementType>width</lido:measurementType><lido:measurementUnit>cm</lido:measurementUnit><lido:measurementValue>31</lido:measurementValue></lido:measurementsSet>
        </lido:objectMeasurements></lido:objectMeasurementsSet></lido:objectMeasurementsWrap>
      </lido:objectIdentificationWrap>
      <lido:eventWrap><lido:eventSet><lido:event>
        <lido:eventType><lido:term>production</lido:term></lido:eventType>
        <lido:eventDate><lido:displayDate>18ος αιώνας</lido:displayDate></lido:eventDate>
        <lido:eventMaterialsTech><lido:materialsTech>
          <lido:termMaterialsTech lido:type="material"><lido:term>αυγοτέμπερα</lido:term></lido:termMaterialsTech>
          <lido:termMaterialsTech lido:type="material"><lido:term>ξύλο</lido:term></lido:termMaterialsTech>
        </lido:materialsTech></lido:eventMaterialsTech>
      </lido:event></lido:eventSet></lido:eventWrap>
    </lido:descriptiveMetadata>
  </lido:lido>
</lido:lidoWrap>`;

    // Act
    const [row] = readSource('lido', lido, ImportMapping.parse({ defaults: { status: 'stolen', 'incident.country': 'GR' } })).rows;

    // Assert
    const record = row && 'record' in row ? row.record : undefined;
    expect(record).toMatchObject({
      lang: 'el',
      objectType: 'εικόνα',
      title: 'Άγιος Νικόλαος',
      description: 'Μεταβυζαντινή εικόνα του Αγίου Νικολάου & σκηνές',
      markings: [{ kind: 'inventory-number', text: 'ΚΑΣ 1187' }],
      inscriptions: [{ text: 'Ο ΑΓΙΟΣ ΝΙΚΟΛΑΟΣ' }],
      measurements: { height: 42.5, width: 31, unit: 'cm' },
      materials: ['αυγοτέμπερα', 'ξύλο'],
      dateOrPeriod: '18ος αιώνας',
    });
    expect(RegisterObject.safeParse(record).success).toBe(true);
  });
});

describe('a LIDO round trip', () => {
  it('imports what the registry exports as LIDO, with the loss filled from the defaults', async () => {
    // Arrange
    const views = [await viewAs(greekIcon), await viewAs(malianTerracotta)];
    const lido = toLido(views, 'https://api.registry.example');

    // Act
    const { rows } = readSource('lido', lido, ImportMapping.parse({ defaults: { status: 'stolen', 'incident.country': 'GR' } }));

    // Assert
    const [icon, terracotta] = rows.map((row) => RegisterObject.parse('record' in row ? row.record : undefined));
    expect(icon).toMatchObject({
      lang: greekIcon.lang,
      objectType: greekIcon.objectType,
      title: greekIcon.title,
      description: greekIcon.description,
      measurements: greekIcon.measurements,
      markings: expect.arrayContaining(greekIcon.markings?.filter((marking) => marking.kind === 'inventory-number') ?? []),
    });
    expect(terracotta).toMatchObject({ objectType: malianTerracotta.objectType, measurements: malianTerracotta.measurements });
  });
});

describe('LIDO as national registers write it', () => {
  const lidoRecord = (inner: string, lang = 'nl') => `<lido:lido xmlns:lido="http://www.lido-schema.org" xmlns:xml="http://www.w3.org/XML/1998/namespace">
    <lido:lidoRecID lido:type="local">NL-REG-0042</lido:lidoRecID>
    <lido:descriptiveMetadata xml:lang="${lang}">
      <lido:objectClassificationWrap><lido:objectWorkTypeWrap><lido:objectWorkType><lido:term>schilderij</lido:term></lido:objectWorkType></lido:objectWorkTypeWrap></lido:objectClassificationWrap>
      <lido:objectIdentificationWrap>
        <lido:titleWrap><lido:titleSet><lido:appellationValue>Stilleven met bloemen</lido:appellationValue></lido:titleSet></lido:titleWrap>
        ${inner}
      </lido:objectIdentificationWrap>
    </lido:descriptiveMetadata>
  </lido:lido>`;
  const inventoried = ImportMapping.parse({ defaults: { status: 'inventoried' } });
  const recordOfLido = (xml: string) => {
    const [row] = readSource('lido', xml, inventoried).rows;
    return row && 'record' in row ? row.record : undefined;
  };

  it('reads a single lido:lido record: repeated measurement sets typed in its language, the first set kept, and xml:lang', () => {
    // Arrange
    const xml = lidoRecord(`
      <lido:repositoryWrap><lido:repositorySet><lido:workID lido:type="inventarisnummer">SK-A-12</lido:workID></lido:repositorySet></lido:repositoryWrap>
      <lido:objectMeasurementsWrap>
        <lido:objectMeasurementsSet><lido:objectMeasurements>
          <lido:measurementsSet><lido:measurementType><lido:term xml:lang="nl">hoogte</lido:term></lido:measurementType><lido:measurementUnit><lido:term>cm</lido:term></lido:measurementUnit><lido:measurementValue>56</lido:measurementValue></lido:measurementsSet>
          <lido:measurementsSet><lido:measurementType><lido:term xml:lang="nl">breedte</lido:term></lido:measurementType><lido:measurementUnit><lido:term>cm</lido:term></lido:measurementUnit><lido:measurementValue>32</lido:measurementValue></lido:measurementsSet>
        </lido:objectMeasurements></lido:objectMeasurementsSet>
        <lido:objectMeasurementsSet><lido:objectMeasurements>
          <lido:measurementsSet><lido:measurementType>hoogte</lido:measurementType><lido:measurementUnit>mm</lido:measurementUnit><lido:measurementValue>700</lido:measurementValue></lido:measurementsSet>
        </lido:objectMeasurements></lido:objectMeasurementsSet>
      </lido:objectMeasurementsWrap>`);

    // Act
    const record = recordOfLido(xml);

    // Assert
    expect(record).toMatchObject({ lang: 'nl', measurements: { height: 56, width: 32, unit: 'cm' }, markings: [{ kind: 'inventory-number', text: 'SK-A-12' }] });
    expect(RegisterObject.safeParse(record).success).toBe(true);
  });

  it.each([
    ['Höhe', 'de'],
    ['hauteur', 'fr'],
    ['height', 'en'],
  ])('reads the measurement type "%s"', (type, lang) => {
    const xml = lidoRecord(
      `<lido:objectMeasurementsWrap><lido:objectMeasurementsSet><lido:objectMeasurements><lido:measurementsSet><lido:measurementType>${type}</lido:measurementType><lido:measurementUnit>centimetres</lido:measurementUnit><lido:measurementValue>24</lido:measurementValue></lido:measurementsSet></lido:objectMeasurements></lido:objectMeasurementsSet></lido:objectMeasurementsWrap>`,
      lang,
    );
    expect(recordOfLido(xml)).toMatchObject({ lang, measurements: { height: 24, unit: 'cm' } });
  });

  it('reads display texts when the structured measurements and materials are missing, and the record id as the number', () => {
    // Arrange
    const xml = `<lido:lidoWrap xmlns:lido="http://www.lido-schema.org">${lidoRecord(`
      <lido:objectMeasurementsWrap><lido:objectMeasurementsSet><lido:displayObjectMeasurements>Dimensions: 56 x 32 x 22,5 cm</lido:displayObjectMeasurements></lido:objectMeasurementsSet></lido:objectMeasurementsWrap>`).replace(
      '</lido:descriptiveMetadata>',
      `<lido:eventWrap><lido:eventSet><lido:event><lido:eventType><lido:term>vervaardiging</lido:term></lido:eventType>
        <lido:eventMaterialsTech><lido:displayMaterialsTech>olieverf, doek</lido:displayMaterialsTech></lido:eventMaterialsTech></lido:event></lido:eventSet></lido:eventWrap></lido:descriptiveMetadata>`,
    )}</lido:lidoWrap>`;

    // Act
    const record = recordOfLido(xml);

    // Assert
    expect(record).toMatchObject({
      markings: [{ kind: 'inventory-number', text: 'NL-REG-0042' }],
      measurements: { height: 56, width: 32, depth: 22.5, unit: 'cm' },
      materials: ['olieverf', 'doek'],
    });
    expect(RegisterObject.safeParse(record).success).toBe(true);
  });
});
