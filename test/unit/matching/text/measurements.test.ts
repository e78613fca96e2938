import { describe, expect, it } from 'vitest';
import { compareSizes, measurementsOfText, mergeSizes, roundingOf, sizeContradiction, sizeOfRecord, sizeOfText, sizeTolerance } from '../../../../functions/matching/text/measurements.ts';
import { fold } from '../../../../functions/matching/text/normalise.ts';

describe('sizeOfRecord', () => {
  it('converts inches and millimetres to centimetres and kilograms to grams', () => {
    // Arrange
    const measurements = { height: 17, diameter: 19, unit: 'in' as const, weight: 2.4, weightUnit: 'kg' as const };

    // Act
    const size = sizeOfRecord(measurements);

    // Assert
    expect(size.lengths.map((length) => [length.dimension, length.value])).toEqual([
      ['height', 43.18],
      ['diameter', 48.26],
    ]);
    expect(size.weight?.value).toBe(2400);
  });
});

describe('sizeOfText', () => {
  it.each([
    ['17 in', undefined, 43.18],
    ['42,5 x 31 cm', undefined, 42.5],
    ['H. 42 cm', 'height', 42],
    ['Высота 42,5 см', 'height', 42.5],
    ['ارتفاع ٤٢ سم', 'height', 42],
    ['ύψος 43 εκ.', 'height', 43],
    ['高42厘米', 'height', 42],
    ['diameter 19 mm', 'diameter', 1.9],
    ['8.5 inches tall', 'height', 21.59],
  ])('reads "%s"', (text, dimension, centimetres) => {
    // Arrange
    const folded = fold(text);

    // Act
    const [first] = sizeOfText(folded).lengths;

    // Assert
    expect(first?.dimension).toBe(dimension);
    expect(first?.value).toBeCloseTo(centimetres, 5);
  });

  it.each([
    ['1 5/8 in.', [[undefined, 4.13]]],
    ['12 x 10 1/2 inches', [[undefined, 30.48], [undefined, 26.67]]],
    ['72" x 60"', [[undefined, 182.88], [undefined, 152.4]]],
    ['72″ × 60″', [[undefined, 182.88], [undefined, 152.4]]],
    ['14,5 x 32,5 x 8 cm', [[undefined, 14.5], [undefined, 32.5], [undefined, 8]]],
    ['30 cm (11 3/4 in.)', [[undefined, 30]]],
    ['11 3/4 x 8 in. (29.8 x 20.3 cm)', [[undefined, 29.85], [undefined, 20.32]]],
    ['support: 394 x 419 mm', [[undefined, 39.4], [undefined, 41.9]]],
    ['h. 24 cm', [['height', 24]]],
    ['H 24 cm', [['height', 24]]],
    ['Höhe 24 cm', [['height', 24]]],
    ['hauteur 24 cm', [['height', 24]]],
    ['altezza 24 cm', [['height', 24]]],
    ['alto 24 cm', [['height', 24]]],
    ['высота 24 см', [['height', 24]]],
    ['yükseklik 24 cm', [['height', 24]]],
    ['高24厘米', [['height', 24]]],
    ['ύψος 24 εκ.', [['height', 24]]],
    ['Ø 3 cm', [['diameter', 3]]],
    ['diam. 3 cm', [['diameter', 3]]],
    ['直径3厘米', [['diameter', 3]]],
    ['çap 3 cm', [['diameter', 3]]],
    ['½ in.', [[undefined, 1.27]]],
    ['2 ¾ in', [[undefined, 6.99]]],
    ['5 ft 6 in', [[undefined, 167.64]]],
    ["5' 6\"", [[undefined, 167.64]]],
    ['1.2 m', [[undefined, 120]]],
    ['Höhe 24 cm, Breite 18 cm, Tiefe 9 cm', [['height', 24], ['width', 18], ['depth', 9]]],
    ['30 cm de haut', [['height', 30]]],
    ['10 in. wide', [['width', 25.4]]],
    ['length 80 cm', [[undefined, 80]]],
    ['found in 1998 in a barn, 3 in 10 cases', []],
    ['dated 12/05/2019, 24 cm', [[undefined, 24]]],
    ['label "Nr. 36" on the back', []],
    ['Etikett „Sammlung Nr. 36“, Dm. 30 cm', [['diameter', 30]]],
    ['红字编号“HH.C.204”。直径：19.8厘米', [['diameter', 19.8]]],
    ['72” x 60”', [[undefined, 182.88], [undefined, 152.4]]],
  ] as const)('reads "%s" as written', (text, expected) => {
    // Act
    const lengths = sizeOfText(text).lengths;

    // Assert
    expect(lengths.map((length) => length.dimension)).toEqual(expected.map(([dimension]) => dimension));
    lengths.forEach((length, at) => expect(length.value).toBeCloseTo(expected[at]?.[1] ?? 0, 1));
  });

  it.each([
    ['about 30-32 cm', 31, 1],
    ['30 à 32 cm', 31, 1],
    ['de 30 a 32 cm', 31, 1],
    ['30 bis 32 cm', 31, 1],
    ['от 30 до 32 см', 31, 1],
    ['30–32 cm', 31, 1],
    ['ca. 40 cm', 40, 2],
    ['circa 40 cm', 40, 2],
    ['env. 40 cm', 40, 2],
    ['etwa 40 cm', 40, 2],
    ['aprox. 40 cm', 40, 2],
    ['около 40 см', 40, 2],
    ['yaklaşık 40 cm', 40, 2],
    ['约40厘米', 40, 2],
    ['40厘米左右', 40, 2],
    ['περίπου 40 εκ.', 40, 2],
    ['حوالي 40 سم', 40, 2],
    ['40 cm env.', 40, 2],
  ] as const)('reads "%s" with its tolerance', (text, centimetres, tolerance) => {
    // Act
    const [first] = sizeOfText(text).lengths;

    // Assert
    expect(first?.value).toBeCloseTo(centimetres, 5);
    expect(first?.tolerance).toBeGreaterThanOrEqual(tolerance);
  });

  it('reads a weight in grams whatever the script', () => {
    // Arrange
    const texts = ['3,4 g', '640 гр', '910克', '2,4 kg'];

    // Act
    const grams = texts.map((text) => sizeOfText(fold(text)).weight?.value);

    // Assert
    expect(grams).toEqual([3.4, 640, 910, 2400]);
  });

  it('does not read a year as a size', () => {
    // Arrange
    const folded = fold('found in 2019 in Athens');

    // Act
    const size = sizeOfText(folded);

    // Assert
    expect(size.lengths).toEqual([]);
  });

  it('reads a Russian "г." after a year-like number as the year, not grams, unless a weight is named', () => {
    // Arrange
    const texts = ['Карманные часы, ок. 1890 г. Золото 750', 'вес 91 г.', 'вес 1200 г. без цепочки'];

    // Act
    const weights = texts.map((text) => sizeOfText(text).weight?.value);

    // Assert
    expect(weights).toEqual([undefined, 91, 1200]);
  });

  it('reads inches after feet even when the sentence goes on', () => {
    // Arrange
    const text = 'Blade approx 2 ft 4 in. Tang has Japanese characters';

    // Act
    const size = sizeOfText(text);

    // Assert
    expect(size.lengths.map((length) => [length.value, length.stated])).toEqual([[71.12, 'c. 2 ft 4 in']]);
  });

  it('reads a unit written before the figures, with the label before the unit', () => {
    // Arrange
    const texts = ['dim. cm 38 x 50', 'altezza cm 38', 'mm. 120'];

    // Act
    const sizes = texts.map((text) => sizeOfText(text).lengths.map((length) => [length.dimension, length.value]));

    // Assert
    expect(sizes).toEqual([[[undefined, 38], [undefined, 50]], [['height', 38]], [[undefined, 12]]]);
  });

  it('does not take "in" or "m" before a number as a unit', () => {
    // Arrange
    const texts = ['stolen in 12 places', 'room m 12'];

    // Act
    const sizes = texts.map((text) => sizeOfText(text).lengths);

    // Assert
    expect(sizes).toEqual([[], []]);
  });
});

describe('measurementsOfText', () => {
  it.each([
    ['Dimensions: 56 x 32 x 22,5 cm', { height: 56, width: 32, depth: 22.5, unit: 'cm' }],
    ['14,5 x 32,5 x 8 cm', { height: 14.5, width: 32.5, depth: 8, unit: 'cm' }],
    ['h. 24 cm', { height: 24, unit: 'cm' }],
    ['Ø 3 cm', { diameter: 3, unit: 'cm' }],
    ['72" x 60"', { height: 72, width: 60, unit: 'in' }],
    ['1,20 m', { height: 120, unit: 'cm' }],
    ['image: 20 x 25 cm; sheet: 30 x 40 cm', { height: 20, width: 25, unit: 'cm' }],
    ['hauteur 30 cm ; largeur 1,2 m', { height: 30, width: 120, unit: 'cm' }],
    ['30 cm (11 3/4 in.), 2,4 kg', { height: 30, unit: 'cm', weight: 2.4, weightUnit: 'kg' }],
  ] as const)('reads the cell "%s"', (cell, expected) => {
    // Act
    const measurements = measurementsOfText(cell);

    // Assert
    expect(measurements).toEqual(expected);
  });
});

describe('compareSizes', () => {
  it('takes the dimension the text names over a form default for the same length', () => {
    // Arrange
    const fields = sizeOfRecord({ height: 30.5, unit: 'cm' });
    const text = sizeOfText('Çap 30,5 cm');

    // Act
    const merged = mergeSizes(fields, text);

    // Assert
    expect(merged.lengths.map((length) => [length.dimension, length.value])).toEqual([['diameter', 30.5]]);
  });

  it('counts a registered length once when the report gives two', () => {
    // Arrange
    const reported = sizeOfText('42 x 31 cm');
    const registered = sizeOfRecord({ height: 42, unit: 'cm' });

    // Act
    const pairs = compareSizes(reported, registered);

    // Assert
    expect(pairs.map((pair) => pair.reported.value)).toEqual([42]);
  });

  it('finds a reported range agreeing with a size inside it', () => {
    // Arrange
    const reported = sizeOfText('about 30-36 cm');
    const registered = sizeOfRecord({ height: 35, unit: 'cm' });

    // Act
    const [pair] = compareSizes(reported, registered);

    // Assert
    expect(pair?.difference).toBe(0);
  });

  it('merges a size the text repeats from the fields into one', () => {
    // Arrange
    const fields = sizeOfRecord({ height: 40, width: 33, unit: 'cm' });
    const text = sizeOfText('approx 40 x 33 cm, base 12 cm');

    // Act
    const merged = mergeSizes(fields, text);

    // Assert
    expect(merged.lengths.map((length) => length.value)).toEqual([40, 33, 12]);
  });

  it('pairs inches reported against centimetres registered as within tolerance', () => {
    // Arrange
    const reported = sizeOfText(fold('17 x 12 in'));
    const registered = sizeOfRecord({ height: 42.5, width: 31, unit: 'cm' });

    // Act
    const pairs = compareSizes(reported, registered);

    // Assert
    expect(pairs.map((pair) => pair.registered.dimension)).toEqual(['height', 'width']);
    expect(pairs.every((pair) => pair.difference <= sizeTolerance)).toBe(true);
  });

  it('finds a size off by more than a quarter too far for the same object', () => {
    // Arrange
    const reported = sizeOfText(fold('height 55 cm'));
    const registered = sizeOfRecord({ height: 42.5, width: 31, unit: 'cm' });

    // Act
    const [pair] = compareSizes(reported, registered);

    // Assert
    expect(pair?.difference).toBeGreaterThan(sizeContradiction);
  });

  it('compares a named dimension with that dimension, not the closest', () => {
    // Arrange
    const reported = sizeOfText(fold('width 42 cm'));
    const registered = sizeOfRecord({ height: 42, width: 31, unit: 'cm' });

    // Act
    const [pair] = compareSizes(reported, registered);

    // Assert
    expect(pair?.registered.dimension).toBe('width');
  });

  it.each([
    ['5 cm', 0.5],
    ['19 mm', 0.05],
    ['48.5 cm', 0.05],
    ['1.85 kg', 5],
    ['1 1/4 in', 0],
  ])('takes %s to stand for anything within %s (cm or g) of it', (stated, expected) => {
    // Arrange
    const measure = { value: 1, stated };

    // Act
    const rounding = roundingOf(measure);

    // Assert
    expect(rounding).toBeCloseTo(expected, 6);
  });
});
