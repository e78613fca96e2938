// Files as people have them: spreadsheet CSV in any separator and encoding, headers in five languages, collection
// exports with a title and a medium but no description, sizes written as text, JSON lines in a collection's own shape.
import { describe, expect, it } from 'vitest';
import { delimiterOf } from '../../../functions/imports/csv-source.ts';
import { fieldOfHeader } from '../../../functions/imports/headers.ts';
import { judgeRow } from '../../../functions/imports/import-batch.ts';
import { decodeText, readSource } from '../../../functions/imports/sources.ts';
import { ImportMapping } from '../../../schemas/imports.ts';

const recordsOf = (file: ReturnType<typeof readSource>) => file.rows.map((row) => ('record' in row ? row.record : row));
const noMapping = ImportMapping.parse({});

describe('headers people write', () => {
  it.each([
    ['inventoryNumber', 'inventoryNumber'],
    ['inventory_number', 'inventoryNumber'],
    ['Inventory number', 'inventoryNumber'],
    ['Inv.-Nr.', 'inventoryNumber'],
    ["N° d'inventaire", 'inventoryNumber'],
    ['No inventaire', 'inventoryNumber'],
    ['Número de inventario', 'inventoryNumber'],
    ['accession_number', 'inventoryNumber'],
    ['Objektart', 'objectType'],
    ['Tipo di oggetto', 'objectType'],
    ['Titre', 'title'],
    ['Titolo', 'title'],
    ['Matériaux', 'materials'],
    ['Materiales', 'materials'],
    ['Beschreibung', 'description'],
    ['Descrizione', 'description'],
    ['Dimensioni', 'dimensions'],
    ['Abmessungen', 'dimensions'],
    ['Höhe', 'measurements.height'],
    ['Larghezza', 'measurements.width'],
    ['incidentDate', 'incident.date'],
    ['incident_country', 'incident.country'],
    ['Incident place', 'incident.place'],
    ['Date du vol', 'incident.date'],
    ['Lieu du vol', 'incident.place'],
    ['Datum des Diebstahls', 'incident.date'],
    ['Fecha del robo', 'incident.date'],
    ['Luogo del furto', 'incident.place'],
    ['Land', 'incident.country'],
    ['País', 'incident.country'],
    ['distinguishing_features', 'distinguishingFeatures'],
    ['Künstler', 'maker'],
  ])('reads "%s" as %s', (header, field) => {
    expect(fieldOfHeader(header)).toBe(field);
  });

  it('knows no field for a helper column', () => {
    expect(fieldOfHeader('notes_internal')).toBeUndefined();
    expect(fieldOfHeader('Interne ID')).toBeUndefined();
  });
});

describe('CSV as spreadsheet programs save it', () => {
  it('tells ; , and tab apart by the header line, quotes and all', () => {
    expect(delimiterOf('Inv.-Nr.;Objektart;"Titel; lang"\n1;2;3')).toBe(';');
    expect(delimiterOf('a\tb\tc\n')).toBe('\t');
    expect(delimiterOf('"a;b",c,d\n')).toBe(',');
  });

  it('reads a German semicolon file with a byte-order mark, decimal commas and a quoted field over two lines', () => {
    // Arrange
    const csv = '\uFEFFInv.-Nr.;Objektart;Titel;Material;Höhe;Einheit;Beschreibung;Land;Datum des Diebstahls\r\n' +
      'G 12;Ikone;Heiliger Georg;Tempera; 24,5;cm;"Ikone auf Goldgrund,\r\nRahmen beschädigt";DE;2026-11-02\r\n';

    // Act
    const [record] = recordsOf(readSource('csv', csv, ImportMapping.parse({ defaults: { status: 'stolen', lang: 'de' } })));

    // Assert
    expect(record).toMatchObject({
      markings: [{ kind: 'inventory-number', text: 'G 12' }],
      objectType: 'Ikone',
      title: 'Heiliger Georg',
      materials: ['Tempera'],
      measurements: { height: 24.5, unit: 'cm' },
      description: 'Ikone auf Goldgrund,\r\nRahmen beschädigt',
      incident: { country: 'DE', date: '2026-11-02' },
    });
    expect('data' in judgeRow(record)).toBe(true);
  });

  it('decodes Windows-1252 bytes and UTF-8 alike', () => {
    const utf8 = new TextEncoder().encode('Titre;Matériaux\nLa Pietà;marbre\n');
    const windows1252 = Uint8Array.from([...'Titre;Mat', 0xe9, ...'riaux\nLa Piet', 0xe0, ...';marbre \x80\n'].map((c) => (typeof c === 'number' ? c : c.charCodeAt(0))));
    expect(decodeText(utf8)).toBe('Titre;Matériaux\nLa Pietà;marbre\n');
    expect(decodeText(windows1252)).toBe('Titre;Matériaux\nLa Pietà;marbre €\n');
  });

  it('leaves out and lists the columns the registry has no field for, and those the mapping ignores', () => {
    // Arrange
    const csv = 'inventoryNumber,objectType,title,notes_internal,place\nA 1,vase,Lekythos,keep in store B,Nafplio\n';
    const mapping = ImportMapping.parse({ ignore: ['place'] });

    // Act
    const file = readSource('csv', csv, mapping);

    // Assert
    expect(file.columns.filter((column) => !column.field).map((column) => column.column)).toEqual(['notes_internal', 'place']);
    expect(recordsOf(file)[0]).not.toHaveProperty('notes_internal');
    expect(recordsOf(file)[0]).not.toHaveProperty('incident');
  });

  it('does not import a header line repeated inside the file', () => {
    // Arrange
    const csv = 'inventoryNumber,objectType,title\nA 1,vase,Lekythos\ninventoryNumber,objectType,title\nA 2,coin,Drachm\n';

    // Act
    const file = readSource('csv', csv, noMapping);

    // Assert
    expect(file.rows.map((row) => row.row)).toEqual([2, 4]);
  });
});

describe('what an export leaves out', () => {
  it('composes a description from the type, title, maker, date, medium and size, as a registrar writes it', () => {
    // Arrange
    const csv = 'accession_number,classification,title,creator,creation_date,medium,dimensions\n' +
      '79.2,paintings,The Deluge,J.M.W. Turner,c. 1805,oil on canvas,support: 394 x 419 mm\n';

    // Act
    const [record] = recordsOf(readSource('csv', csv, ImportMapping.parse({ defaults: { status: 'inventoried', lang: 'en' } })));

    // Assert
    expect(record).toMatchObject({
      description: 'Paintings, "The Deluge", by J.M.W. Turner, c. 1805; oil on canvas; 394 x 419 mm.',
      measurements: { height: 394, width: 419, unit: 'mm' },
    });
    expect('data' in judgeRow(record)).toBe(true);
  });

  it.each([
    ['support: 394 x 419 mm', { height: 394, width: 419, unit: 'mm' }],
    ['14,5 x 32,5 x 8 cm', { height: 14.5, width: 32.5, depth: 8, unit: 'cm' }],
    ['72" x 60"', { height: 72, width: 60, unit: 'in' }],
    ['h. 24 cm', { height: 24, unit: 'cm' }],
    ['Ø 3 cm', { diameter: 3, unit: 'cm' }],
    ['12 x 10 1/2 in', { height: 12, width: 10.5, unit: 'in' }],
  ])('reads the size "%s" written in a Dimensions column into numbers with their unit', (size, measurements) => {
    const csv = `inventoryNumber,objectType,title,Dimensions\nD 1,vase,Lekythos,"${size.replaceAll('"', '""')}"\n`;
    const [record] = recordsOf(readSource('csv', csv, ImportMapping.parse({ defaults: { status: 'inventoried', lang: 'en' } })));
    expect((record as { measurements?: unknown }).measurements).toEqual(measurements);
  });

  it('accepts a type and a medium without a title, and refuses a type alone with the reason', () => {
    // Arrange
    const csv = 'inventoryNumber,objectType,materials\nB 1,coin,silver\nB 2,coin,\n';

    // Act
    const [medium, typeOnly] = recordsOf(readSource('csv', csv, ImportMapping.parse({ defaults: { status: 'inventoried' } })));

    // Assert
    expect(medium).toMatchObject({ description: 'Coin; silver.' });
    expect('data' in judgeRow(medium)).toBe(true);
    expect(judgeRow(typeOnly)).toEqual({ fields: [expect.objectContaining({ path: 'description' })] });
  });

  it('never refuses a row for its language: a column or the default wins, else it is told from the text, else undetermined', () => {
    // Arrange
    const csv = [
      'inventoryNumber,objectType,title,description,lang',
      'C 1,icône,Vierge à l\'Enfant,"Icône de la Vierge à l\'Enfant sur fond d\'or, avec un cadre en bois sculpté et doré",',
      'C 2,Ikone,Heiliger Georg,"Die Ikone zeigt den heiligen Georg auf einem weißen Pferd, mit dem Drachen unter den Hufen",',
      'C 3,εικόνα,Άγιος Νικόλαος,,',
      'C 4,icon,Saint George,,it',
      'C 5,x,y,,',
    ].join('\n');

    // Act
    const records = recordsOf(readSource('csv', csv, ImportMapping.parse({ defaults: { status: 'inventoried' } })));
    const withDefault = recordsOf(readSource('csv', csv, ImportMapping.parse({ defaults: { status: 'inventoried', lang: 'es' } })));

    // Assert
    expect(records.map((record) => (record as { lang?: string }).lang)).toEqual(['fr', 'de', 'el', 'it', 'und']);
    expect(withDefault.map((record) => (record as { lang?: string }).lang)).toEqual(['es', 'es', 'es', 'it', 'es']);
    const refusedFields = records.flatMap((record) => {
      const judged = judgeRow(record);
      return 'fields' in judged ? judged.fields.map((field) => field.path) : [];
    });
    expect(refusedFields).not.toContain('lang');
  });

  it('reads "no number" placeholders as no number, so that they never collide', () => {
    const [record] = recordsOf(readSource('csv', 'inventoryNumber,objectType,title\nf.n.,icon,Saint George\n', ImportMapping.parse({ defaults: { status: 'inventoried' } })));
    expect(judgeRow(record)).toEqual({ fields: [expect.objectContaining({ path: 'markings' })] });
  });

  it('keeps the holder a register names beside each row', () => {
    const csv = 'Institution,Inventory No.,Type,Title\nMuseo Civico,001,icon,Madonna\nPinacoteca,001,icon,Santo\n';
    const file = readSource('csv', csv, ImportMapping.parse({ defaults: { status: 'inventoried' } }));
    expect(file.rows.map((row) => ('holder' in row ? row.holder : undefined))).toEqual(['Museo Civico', 'Pinacoteca']);
  });
});

describe('JSON lines in a collection\'s own shape', () => {
  it('reads dotted paths through the mapping, lists of objects at their list\'s path, and Object ID fields as they are', () => {
    // Arrange
    const line = JSON.stringify({
      ids: { inventory: 'MK-77' },
      kind: 'statuette',
      label: { en: 'Bronze dancer' },
      materials: [{ name: 'bronze' }, { name: 'gilding' }],
      size: { h: 21.5, unit: 'cm' },
      internal: { box: 12 },
      status: 'stolen',
      incident: { country: 'GR' },
    });
    const mapping = ImportMapping.parse({
      columns: { 'ids.inventory': 'inventoryNumber', kind: 'objectType', 'label.en': 'title', 'materials.name': 'materials', 'size.h': 'measurements.height', 'size.unit': 'measurements.unit' },
      defaults: { lang: 'en' },
    });

    // Act
    const file = readSource('jsonl', `${line}\n`, mapping);

    // Assert
    const [record] = recordsOf(file);
    expect(record).toMatchObject({
      markings: [{ kind: 'inventory-number', text: 'MK-77' }],
      objectType: 'statuette',
      title: 'Bronze dancer',
      materials: ['bronze', 'gilding'],
      measurements: { height: 21.5, unit: 'cm' },
      status: 'stolen',
      incident: { country: 'GR' },
    });
    expect('data' in judgeRow(record)).toBe(true);
    expect(file.columns).toContainEqual({ column: 'internal.box' });
  });
});
