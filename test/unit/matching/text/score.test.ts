import { describe, expect, it } from 'vitest';
import type { Candidate, IndexedObject, TextQuery } from '../../../../functions/matching/model.ts';
import { numberDiffers } from '../../../../functions/matching/text/score.ts';
import { createTextIndex, textAlertThreshold } from '../../../../functions/matching/text/text-index.ts';
import { numberedIcon } from '../../../fixtures/objects.ts';
import { textObjects } from '../../../fixtures/text-reports.ts';

const index = createTextIndex();
for (const object of textObjects) index.upsert(object);

const candidatesFor = (query: TextQuery): Map<string, Candidate> => new Map(index.search(query, 20).map((candidate) => [candidate.objectId, candidate]));
const details = (candidate: Candidate | undefined) => candidate?.reasons.map((reason) => reason.detail) ?? [];
const negative = (candidate: Candidate | undefined) => candidate?.reasons.filter((reason) => reason.contribution < 0) ?? [];

describe('near twins', () => {
  it('tells two icons of Saint Nicholas apart by their inventory numbers', () => {
    // Arrange
    const query = { text: 'Icon of Saint Nicholas, tempera on wood, gold ground, inscription "O AGIOS NIKOLAOS", inv. no. KAS 1188' };

    // Act
    const found = candidatesFor(query);

    // Assert
    const twin = found.get('icon-nicholas-kastoria');
    expect(found.get('icon-nicholas-kastoria-2')?.score).toBeGreaterThanOrEqual(textAlertThreshold);
    expect(twin?.score ?? 0).toBeLessThan(textAlertThreshold);
    expect(negative(twin).map((reason) => reason.detail)).toEqual(["the report gives 'kas 1188', the object is marked 'ΚΑΣ 1187'"]);
  });

  it('tells icons of Saint Nicholas apart by size when a quarter too large', () => {
    // Arrange
    const query = { text: 'Icon of St Nicholas, egg tempera and gold leaf on panel, 55 x 40 cm, inscription "O AGIOS NIKOLAOS"' };

    // Act
    const found = candidatesFor(query);

    // Assert
    const twin = found.get('icon-nicholas-kastoria');
    expect(found.get('icon-nicholas-patmos')?.score).toBeGreaterThanOrEqual(textAlertThreshold);
    expect(twin?.score ?? 0).toBeLessThan(textAlertThreshold);
    expect(negative(twin).map((reason) => reason.field)).toEqual(['measurements', 'measurements']);
    // 55 cm is a quarter too large; 40 cm, read exactly, is 6% off the recorded 42.5 cm: more than measuring errs.
    const said = negative(twin).map((reason) => reason.detail);
    expect(said).toContain('height 42.5 cm vs 40 cm: 6% off');
    expect(said.filter((detail) => /off, too far for the same object/.test(detail))).toHaveLength(1);
  });

  it('tells denarii of Hadrian apart by their legends', () => {
    // Arrange
    const query = { text: 'Roman silver denarius of Hadrian, 18 mm, 3.2 g', structured: { inscriptions: ['IMP CAESAR TRAIAN HADRIANVS AVG'] } };

    // Act
    const found = candidatesFor(query);

    // Assert
    const twin = found.get('coin-constantine-follis-soli');
    expect([...found.keys()][0]).toBe('coin-hadrian-denarius-pm');
    expect(found.get('coin-hadrian-denarius-pm')?.score).toBeGreaterThan(found.get('coin-hadrian-denarius-cos3')?.score ?? 0);
    expect(twin === undefined || negative(twin).some((reason) => reason.field === 'inscriptions')).toBe(true);
  });

  it('tells the two Attic amphorae apart by the inscription the report quotes', () => {
    // Arrange
    const query = { text: 'Attic amphora in terracotta, Dionysos with satyrs, 41 cm, inscribed "KALOS LEAGROS"' };

    // Act
    const found = candidatesFor(query);

    // Assert
    expect([...found.keys()][0]).toBe('vase-attic-amphora-red');
    expect(negative(found.get('vase-attic-amphora-black')).map((reason) => reason.field)).toEqual(['inscriptions']);
  });

  it('keeps a twin that agrees on everything but the inventory number under the threshold', () => {
    // Arrange: two entries of one museum's series, alike to the word but for their numbers
    const original = textObjects.find((object) => object.id === 'icon-nicholas-kastoria');
    if (!original) throw new Error('fixture missing');
    const series = createTextIndex();
    series.upsert({ ...original, id: 'series-1', markings: [{ kind: 'inventory-number', text: 'ΚΑΣ 2001' }] });
    series.upsert({ ...original, id: 'series-2', markings: [{ kind: 'inventory-number', text: 'ΚΑΣ 2002' }] });
    const query = { text: `${original.description} ${original.distinguishingFeatures} Ο ΑΓΙΟΣ ΝΙΚΟΛΑΟΣ, 42.5 x 31 cm, inv. ΚΑΣ 2001`, lang: 'el' };

    // Act
    const [first, second] = series.search(query, 5);

    // Assert
    expect(first?.objectId).toBe('series-1');
    expect(second?.objectId).toBe('series-2');
    expect(second?.score ?? 0).toBeLessThan(textAlertThreshold);
    expect(negative(second).map((reason) => reason.field)).toEqual(['markings']);
  });
});

describe('dating', () => {
  const patmos = 'icon-nicholas-patmos';
  const dating = (text: string) => candidatesFor({ text }).get(patmos)?.reasons.filter((reason) => reason.field === 'dateOrPeriod') ?? [];

  it('adds a little for a report that dates the object as its record does, in any language', () => {
    // Act
    const reasons = ['Icon of Saint Nicholas, 18th century, 55 x 40 cm', 'Icône de saint Nicolas, XVIIIe siècle, 55 x 40 cm', 'Ikone des heiligen Nikolaus, 18. Jahrhundert, 55 x 40 cm'].map(dating);

    // Assert
    for (const found of reasons) {
      expect(found).toHaveLength(1);
      expect(found[0]?.contribution).toBeGreaterThan(0);
      expect(found[0]?.contribution).toBeLessThan(0.1);
    }
    expect(reasons[1]?.[0]?.detail).toBe("dated 'xviiie siecle', as the object is (1701 to 1800)");
  });

  it('counts against a report that dates it centuries away, and says so', () => {
    // Act
    const [reason] = dating('Icon of Saint Nicholas, Byzantine, 12th century, 55 x 40 cm');

    // Assert
    expect(reason?.contribution).toBeLessThan(0);
    expect(reason?.detail).toMatch(/^the report dates it '.+', the object is dated 1701 to 1800$/);
  });

  it('does not read an inventory number as a year', () => {
    // Act
    const reasons = dating('Icon of Saint Nicholas, inv. no. PAT 1204, 55 x 40 cm');

    // Assert
    expect(reasons).toEqual([]);
  });
});

describe('field writing', () => {
  it('reads words OCR misread, letters for digits, as the words the registry has', () => {
    // Act
    const [misread] = index.search({ text: 'Egypt1an statuette, atef crown, crook and f1ail' }, 1);
    const [clean] = index.search({ text: 'Egyptian statuette, atef crown, crook and flail' }, 1);

    // Assert
    expect(misread?.objectId).toBe('statuette-osiris-bronze');
    expect(misread?.score).toBe(clean?.score);
  });

  it('quotes shared words as the record writes them and says how many of the report words they are', () => {
    // Act
    const [top] = index.search({ text: 'Egyptian statuette, atef crown, crook and flail' }, 1);

    // Assert
    expect(details(top)).toContain("words in common: atef, crown, crook, flail, egyptian (5 of the report's 5 distinctive words)");
  });

  it('does not count a reading in another script or in part as a contradiction', () => {
    // Arrange: the kastoria icon is inscribed 'Ο ΑΓΙΟΣ ΝΙΚΟΛΑΟΣ'
    const partial = { text: 'Icon of Saint Nicholas, 42 x 31 cm, inscription "...ΚΟΛΑ..."' };
    const romanised = { text: 'Icon of Saint Nicholas, 42 x 31 cm, inscription "O AYIOS NICOLAOS"' };

    // Act
    const found = [partial, romanised].map((query) => candidatesFor(query).get('icon-nicholas-kastoria'));

    // Assert
    for (const candidate of found) expect(negative(candidate).filter((reason) => reason.field === 'inscriptions')).toEqual([]);
  });
});

describe('reasons', () => {
  it('explains a true match in words a person can check', () => {
    // Arrange
    const query = { text: 'Icon of St Nicholas, tempera on wood, 17 in high, inscription "O AGIOS NIKOLAOS", marked 1187 on the back' };

    // Act
    const top = index.search(query, 1)[0];

    // Assert
    expect(top?.objectId).toBe('icon-nicholas-kastoria');
    expect(details(top)).toEqual(
      expect.arrayContaining([
        // The fixtures register two icons with this line: it tells neither apart, and the reason says so.
        "inscription 'Ο ΑΓΙΟΣ ΝΙΚΟΛΑΟΣ' matches 'O AGIOS NIKOLAOS' (transliterated), carried by 2 registered objects",
        'height 42.5 cm vs 17 in (43.2 cm)',
        "object type icon, recorded as 'εικόνα'",
        "marking 'ΚΑΣ 1187' contains '1187'",
      ]),
    );
  });

  it('names the term the report used when it is not the English one', () => {
    // Arrange
    const query = { text: 'Εικόνα Αγίου Νικολάου' };

    // Act
    const top = index.search(query, 1)[0];

    // Assert
    expect(details(top)).toContain('object type icon (eikona = icon)');
  });

  it('adds up to the score it explains', () => {
    // Arrange
    const query = { text: 'Bronze statuette of Osiris, atef crown, 22 cm, 640 g, JE 41223' };

    // Act
    const top = index.search(query, 1)[0];

    // Assert
    const sum = top?.reasons.reduce((total, reason) => total + reason.contribution, 0) ?? 0;
    expect(top?.score).toBeCloseTo(Math.min(1, sum), 2);
  });
});

describe('decisive details that differ', () => {
  const twins = createTextIndex();
  const object = (id: string, record: Omit<IndexedObject, 'id' | 'country' | 'lang'>): IndexedObject => ({ ...record, id, lang: 'en', country: 'ES' });
  twins.upsert(
    object('candlestick-rosario', {
      objectType: 'candlestick', materials: ['silver'], measurements: { height: 48.5, unit: 'cm' },
      inscriptions: [{ text: 'ES DE LA COFRADIA DE NRA SRA DEL ROSARIO AÑO DE 1764' }], description: 'Altar candlestick on a triangular base with claw feet.',
    }),
  );
  twins.upsert(
    object('denarius-felicitas', {
      objectType: 'coin', materials: ['silver'], measurements: { diameter: 19, weight: 3.42, unit: 'mm', weightUnit: 'g' },
      inscriptions: [{ text: 'HADRIANVS AVGVSTVS' }, { text: 'FELICITAS AVG' }], description: 'Denarius of Hadrian, Felicitas standing on the reverse.',
    }),
  );
  twins.upsert(
    object('pistol-rowntree', {
      objectType: 'firearm', materials: ['steel', 'walnut'], measurements: { width: 36, unit: 'cm' },
      inscriptions: [{ text: 'W. ROWNTREE LONDON' }], description: 'Flintlock holster pistol, lock engraved.',
    }),
  );
  twins.upsert(
    object('print-accession', {
      objectType: 'photograph', materials: ['albumen print'], markings: [{ kind: 'inventory-number', text: '1996.69.152' }, { kind: 'stamp', text: 'проба 84, 1882' }],
      description: 'Albumen print of a mosque in Cairo.',
    }),
  );
  twins.upsert(
    object('map-sicily', {
      objectType: 'map', materials: ['paper'], measurements: { height: 38.5, width: 50.2, unit: 'cm' },
      markings: [{ kind: 'stamp', text: 'Timbro a inchiostro nero « BIBL. CIV. S. ELIA » in basso a sinistra' }], description: 'Engraved map of Sicily, Latin text on the verso.',
    }),
  );
  for (const id of ['bowl-kangxi-dragons', 'bowl-kangxi-phoenix']) {
    twins.upsert(object(id, { objectType: 'bowl', materials: ['porcelain'], inscriptions: [{ text: '大清康熙年製' }], description: 'Blue and white bowl with the Kangxi reign mark.' }));
  }
  const found = (query: TextQuery, id: string) => twins.search(query, 5).find((candidate) => candidate.objectId === id);

  it.each([
    ['another owner', 'Timbro «BIBLIOTECA DEI CAPPUCCINI DI NOTO»', ["the report reads the stamp 'BIBLIOTECA DEI CAPPUCCINI DI NOTO', the object's reads 'BIBL. CIV. S. ELIA'"]],
    ['the same owner written out', 'stamp "Biblioteca Civica S. Elia"', []],
  ])('reads a stamp quoted in the words of %s', (_case, stamp, expected) => {
    // Arrange
    const query = { text: `Engraved map of Sicily, 38 x 50 cm, Latin text on the verso. ${stamp}` };

    // Act
    const candidate = found(query, 'map-sicily');

    // Assert
    expect(negative(candidate).map((reason) => reason.detail)).toEqual(expected);
  });

  it('shares a reign mark among the objects that carry it', () => {
    // Arrange
    const query = { text: 'Blue and white bowl', structured: { inscriptions: ['大清康熙年製'] } };

    // Act
    const candidate = found(query, 'bowl-kangxi-dragons');

    // Assert
    expect(details(candidate)).toContain("inscription '大清康熙年製' matches '大清康熙年製', carried by 2 registered objects");
  });

  it('still tells the carriers of a common line from every other object: the icon of its inventory number alerts among twenty', () => {
    // Arrange: twenty icons inscribed alike, as in a diocese's register, beside the other objects of this index
    const icons = createTextIndex();
    for (const object of textObjects) icons.upsert(object);
    for (let n = 0; n < 20; n++) icons.upsert({ ...numberedIcon(`ΚΑΣ ${4400 + n}`), id: `icon-${n}`, country: 'GR' });
    const query = { text: 'Aziz Nikolaos ikonası, üzerinde "O AGIOS NIKOLAOS" yazıyor, arkasında envanter numarası ΚΑΣ 4407', lang: 'tr' };

    // Act
    const [best] = icons.search(query, 1);

    // Assert
    expect(best?.objectId).toBe('icon-7');
    expect(best?.score).toBeGreaterThanOrEqual(textAlertThreshold);
    expect(details(best)).toContain("marking 'ΚΑΣ 4407' is 'kas 4407'");
  });

  it('alerts on an inventory number of the series that one object alone carries, however common all else about it is', () => {
    // Arrange: a register of two hundred icons of the saint, every one inscribed alike
    const icons = createTextIndex();
    for (let n = 0; n < 200; n++) icons.upsert({ ...numberedIcon(`ΚΑΣ ${5500 + n}`), id: `icon-${n}`, country: 'GR' });
    const query = { text: 'Icon of Saint Nicholas, inscribed "O AGIOS NIKOLAOS", inv. no. ΚΑΣ 5642' };

    // Act
    const [best, next] = icons.search(query, 2);

    // Assert
    expect(best?.objectId).toBe('icon-142');
    expect(best?.score).toBeGreaterThanOrEqual(textAlertThreshold);
    expect(next?.score ?? 0).toBeLessThan(textAlertThreshold);
  });

  it('counts an inscription whose year differs as a contradiction, however many words agree', () => {
    // Arrange
    const query = { text: 'Silver altar candlestick, triangular base on claw feet, 48 cm', structured: { inscriptions: ['ES DE LA COFRADIA DE NRA SRA DEL ROSARIO AÑO DE 1771'] } };

    // Act
    const twin = found(query, 'candlestick-rosario');

    // Assert
    expect(twin?.score ?? 0).toBeLessThan(textAlertThreshold);
    expect(negative(twin).map((reason) => reason.field)).toContain('inscriptions');
  });

  it.each([
    ['the same year in Arabic digits', 'عمل احمد ١٢٢٠', false],
    ['another year in Arabic digits', 'عمل احمد ١٢٢٤', true],
    ['a year in another calendar and script', 'Ahmed 1805', false],
    ['a reading marked as partial', '... AMAL AHMAD 12', false],
  ])('reads %s against a dated line as a different number: %s -> %s', (_case, reading, expected) => {
    // Arrange
    const inscriptions = ['عمل احمد ١٢٢٠'];

    // Act
    const differs = numberDiffers(reading, inscriptions);

    // Assert
    expect(differs).toBe(expected);
  });

  it.each([
    ['a negative number of the same series', '152. Tombeaux des Califes', true],
    ['a price', 'clay stone souvenir, USD 25', false],
    ['the same number', '143. Mosquée du Sultan Hassan', false],
  ])('reads %s in a quotation not announced as an inscription: %s -> %s', (_case, quotation, expected) => {
    // Arrange
    const inscriptions = ['143. Mosquée du Sultan Hassan. Le Caire', 'a-na be-li-ia qi2-bi2-ma'];

    // Act
    const differs = numberDiffers(quotation, inscriptions, false);

    // Assert
    expect(differs).toBe(expected);
  });

  it('counts a second legend read with confidence and found on none of the lines as a contradiction', () => {
    // Arrange
    const query = { text: 'Hadrian denarius, 19 mm, 3.4 g', structured: { inscriptions: ['HADRIANVS AVGVSTVS', 'FELICITATI AVG COS III P P'] } };

    // Act
    const twin = found(query, 'denarius-felicitas');

    // Assert
    expect(twin?.score ?? 0).toBeLessThan(textAlertThreshold);
    expect(negative(twin).some((reason) => reason.detail.startsWith("the report reads 'FELICITATI AVG COS III P P'"))).toBe(true);
  });

  it('counts an unnamed size more than twice the only recorded one as another object', () => {
    // Arrange
    const query = { text: "Flintlock musket, lock engraved 'W. ROWNTREE', overall 110 cm", structured: { inscriptions: ['W. ROWNTREE'] } };

    // Act
    const twin = found(query, 'pistol-rowntree');

    // Assert
    expect(negative(twin).map((reason) => reason.detail)).toContainEqual(expect.stringMatching(/^width 36 cm vs 110 cm: \d+% off, too far/));
    // However well the maker's name agrees: a size too far for the same object is decisive, like another inventory number.
    expect(twin?.score ?? 0).toBeLessThan(textAlertThreshold);
  });

  it.each([
    ['a short part of an accession number', 'Albumen print of a mosque in Cairo, negative 152', []],
    ['a part of four digits', 'Albumen print of a mosque in Cairo, hallmarked 1882', ["marking 'проба 84, 1882' contains '1882'"]],
  ])('takes a bare number that is %s as support only when it could be the mark', (_case, text, expected) => {
    // Arrange
    const query = { text };

    // Act
    const candidate = found(query, 'print-accession');

    // Assert
    expect(candidate?.reasons.filter((reason) => reason.field === 'markings').map((reason) => reason.detail)).toEqual(expected);
  });
});
