import { describe, expect, it } from 'vitest';
import { containment, containmentInText, inscriptionAgreement, inscriptionContradiction, skeleton, trigramPositions, trigrams } from '../../../../functions/matching/text/inscriptions.ts';

const similarity = (reported: string, registered: string) => containment(trigrams(skeleton(reported)), new Set(trigrams(skeleton(registered))));

describe('inscription similarity', () => {
  it.each([
    ['Latin transliteration of Greek', 'O AGIOS NIKOLAOS', 'Ο ΑΓΙΟΣ ΝΙΚΟΛΑΟΣ'],
    ['Greek diphthongs against a Latin reading', 'O AGIOS NIKOLAOS O THAUMATOURGOS', 'Ο ΑΓΙΟΣ ΝΙΚΟΛΑΟΣ Ο ΘΑΥΜΑΤΟΥΡΓΟΣ'],
    ['Latin transliteration of Cyrillic', 'Sviatyi Nikolai Chudotvorets', 'СВЯТЫЙ НИКОЛАЙ ЧУДОТВОРЕЦ'],
    ['a Cyrillic reading of a Greek inscription', 'О АГИОС НИКОЛАОС', 'Ο ΑΓΙΟΣ ΝΙΚΟΛΑΟΣ'],
    ['a partial reading', 'NIKOLAOS', 'Ο ΑΓΙΟΣ ΝΙΚΟΛΑΟΣ'],
    ['a reading without spaces', 'HADRIANVSAVGVSTVS', 'HADRIANVS AVGVSTVS'],
  ])('agrees for %s', (_, reported, registered) => {
    // Arrange
    const pair = [reported, registered] as const;

    // Act
    const share = similarity(...pair);

    // Assert
    expect(share).toBeGreaterThanOrEqual(inscriptionAgreement);
  });

  it('tells a different saint apart', () => {
    // Arrange
    const reported = 'O AGIOS DIMITRIOS';

    // Act
    const share = similarity(reported, 'Ο ΑΓΙΟΣ ΓΕΩΡΓΙΟΣ');

    // Assert
    expect(share).toBeLessThan(inscriptionAgreement);
  });

  it('finds an unrelated legend contradicting', () => {
    // Arrange
    const reported = 'ANTONINVS AVG PIVS';

    // Act
    const share = similarity(reported, 'CONSTANTINVS MAX AVG');

    // Assert
    expect(share).toBeLessThan(inscriptionContradiction + 0.2);
    expect(similarity('SOLI INVICTO COMITI', 'CONSTANTINVS MAX AVG')).toBeLessThan(inscriptionContradiction);
  });
});

describe('containmentInText', () => {
  it('finds an inscription quoted in passing in a long report', () => {
    // Arrange
    const inscription = skeleton('Ο ΑΓΙΟΣ ΓΕΩΡΓΙΟΣ');
    const text = trigramPositions(skeleton('Icon seized at the border; on the gold ground the words o agios georgios, 48 x 36 cm, wood.'));

    // Act
    const share = containmentInText(trigrams(inscription), inscription.length, text);

    // Assert
    expect(share).toBe(1);
  });

  it('does not add up trigrams scattered over a long report', () => {
    // Arrange
    const inscription = skeleton('Ο ΑΓΙΟΣ ΓΕΩΡΓΙΟΣ');
    const text = trigramPositions(skeleton('Ikone heiliger Georg, Tempera auf Holz, Inschrift Ο ΑΓΙΟΣ ΔΗΜΗΤΡΙΟΣ'));

    // Act
    const share = containmentInText(trigrams(inscription), inscription.length, text);

    // Assert
    expect(share).toBeLessThan(inscriptionAgreement);
  });
});
