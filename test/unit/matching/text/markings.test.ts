import { describe, expect, it } from 'vitest';
import { compareMarks, markOf, marksInText } from '../../../../functions/matching/text/markings.ts';
import { fold } from '../../../../functions/matching/text/normalise.ts';

describe('compareMarks', () => {
  it.each([
    ['KAS-1187', 'same'],
    ['kas 1187', 'same'],
    ['ΚΑΣ1187', 'same'],
    ['1187', 'contains'],
    ['inv. no. ΚΑΣ 1187', 'same'],
    ['KAS 1188', 'contradicts'],
    ['2290', 'contradicts'],
  ])('reads "%s" against ΚΑΣ 1187 as %s', (reported, agreement) => {
    // Arrange
    const registered = markOf('ΚΑΣ 1187');

    // Act
    const verdict = compareMarks(markOf(reported), registered);

    // Assert
    expect(verdict).toBe(agreement);
  });

  it('finds a number within a longer label', () => {
    // Arrange
    const registered = markOf('Galleria Fontana, Bologna, n. 112');

    // Act
    const verdict = compareMarks(markOf('112'), registered);

    // Assert
    expect(verdict).toBe('contains');
  });

  it('does not let letters alone contradict', () => {
    // Arrange
    const registered = markOf('FORTIS');

    // Act
    const verdict = compareMarks(markOf('FORTI5S'), registered);

    // Assert
    expect(verdict).toBeUndefined();
  });
});

describe('marksInText', () => {
  it.each([
    ['inv. no. 1187 on the back', ['1187']],
    ['Inv.-Nr. KAS 1187', ['kas1187']],
    ['label MB-1234', ['mb1234']],
    ['№ 45/2', ['452']],
    ['رقم ١١٨٧', ['1187']],
    ['номер КАС 1187', ['kas1187']],
    ['label "PAT 287" on the frame', ['pat287']],
    ['arkasında envanter numarası ΚΑΣ 1187', ['kas1187']],
  ])('takes a cued or coded mark from "%s" as a claim', (text, keys) => {
    // Arrange
    const folded = fold(text);

    // Act
    const { claimed } = marksInText(folded);

    // Assert
    expect(claimed.map((mark) => mark.key)).toEqual(keys);
  });

  it('keeps bare numbers as loose support only, and sizes or abbreviations out of the claims', () => {
    // Arrange
    const folded = fold('ΚΑΣ 1187 on reverse, h 42 cm, c. 1750');

    // Act
    const marks = marksInText(folded);

    // Assert
    expect(marks.claimed).toEqual([]);
    expect(marks.loose).toEqual(['1187']);
  });

  it.each([
    ['Manufactured in 1954, in working order', []],
    ['um 1900 entstanden', []],
    ['икона, ок. 1890 г.', []],
    ['寛文 1668年', []],
    ['hallmarked 1882 on the foot', ['1882']],
  ])('reads a year the report dates the object by as a date, not a number that may be a mark: "%s"', (text, loose) => {
    // Act
    const marks = marksInText(fold(text));

    // Assert
    expect(marks.loose).toEqual(loose);
  });
});
