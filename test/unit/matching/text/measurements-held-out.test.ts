import { describe, expect, it } from 'vitest';
import { measurementsOfText, sizeOfText } from '../../../../functions/matching/text/measurements.ts';

// Written before the reader was tuned and never used to tune it: run last, as a check that the reader generalises.
describe('sizeOfText on held-out writings', () => {
  it.each([
    ['Bronze figure, 2 3/8 in. high', [['height', 6.03]]],
    ['hauteur : 45,5 cm', [['height', 45.5]]],
    ['Maße: 23 × 17,5 cm', [[undefined, 23], [undefined, 17.5]]],
    ['diam. 12,5 cm', [['diameter', 12.5]]],
    ['Ø 7 cm', [['diameter', 7]]],
    ['15 x 20 x 4 mm', [[undefined, 1.5], [undefined, 2], [undefined, 0.4]]],
    ['60 x 45 cm (23 5/8 x 17 3/4 in.)', [[undefined, 60], [undefined, 45]]],
    ['9 ¾ in. (24.8 cm)', [[undefined, 24.77]]],
    ['H. 1,20 m', [['height', 120]]],
    ['Breite 34 cm', [['width', 34]]],
    ['larghezza 12 cm, profondità 8 cm', [['width', 12], ['depth', 8]]],
    ['3 ft', [[undefined, 91.44]]],
    ['sheet: 394 x 419 mm', [[undefined, 39.4], [undefined, 41.9]]],
    ['10½ x 8 in', [[undefined, 26.67], [undefined, 20.32]]],
    ['the work measures 48 by 36 inches', [[undefined, 121.92], [undefined, 91.44]]],
    ['Inv. 1987.45, found 2019', []],
    ['ancho 40 cm y alto 55 cm', [['width', 40], ['height', 55]]],
    ['4.5" x 3"', [[undefined, 11.43], [undefined, 7.62]]],
    ['lot 24, 1 5/8 in.', [[undefined, 4.13]]],
    ['H 3 7/8 in.', [['height', 9.84]]],
  ] as const)('reads "%s"', (text, expected) => {
    // Act
    const lengths = sizeOfText(text).lengths;

    // Assert
    expect(lengths.map((length) => length.dimension)).toEqual(expected.map(([dimension]) => dimension));
    lengths.forEach((length, at) => expect(length.value).toBeCloseTo(expected[at]?.[1] ?? 0, 1));
  });

  it.each([
    ['approx. 3 1/4 x 2 1/2 inches', [8.26, 6.35]],
    ['высота около 25 см', [25]],
    ['yaklaşık 18 x 12 cm', [18, 12]],
    ['高约30厘米', [30]],
    ['ύψος περίπου 22 εκ.', [22]],
    ['ارتفاع حوالي 30 سم', [30]],
    ['Durchmesser etwa 9 cm', [9]],
    ['ca. 12–14 cm', [13]],
    ['28 to 30 cm high', [29]],
    ['de 20 a 22 cm', [21]],
  ] as const)('reads "%s" as approximate', (text, expected) => {
    // Act
    const lengths = sizeOfText(text).lengths;

    // Assert
    expect(lengths.map((length) => Math.round(length.value * 100) / 100)).toEqual(expected.map((value) => Math.round(value * 100) / 100).map((value) => expect.closeTo(value, 1)));
    expect(lengths.every((length) => (length.tolerance ?? 0) > 0)).toBe(true);
  });

  it('reads a weight in kilograms', () => {
    // Act
    const size = sizeOfText('poids 1,2 kg');

    // Assert
    expect(size.weight?.value).toBeCloseTo(1200, 5);
  });
});

describe('measurementsOfText on held-out cells', () => {
  it.each([
    ['Dimensions: 56 x 32 x 22,5 cm', { height: 56, width: 32, depth: 22.5, unit: 'cm' }],
    ['Höhe 24 cm, Breite 18 cm', { height: 24, width: 18, unit: 'cm' }],
    ['72" x 60"', { height: 72, width: 60, unit: 'in' }],
    ['Ø 3 cm', { diameter: 3, unit: 'cm' }],
    ['support: 394 x 419 mm', { height: 394, width: 419, unit: 'mm' }],
    ['12 x 10 1/2 in', { height: 12, width: 10.5, unit: 'in' }],
  ] as const)('reads "%s"', (cell, expected) => {
    // Act
    const measurements = measurementsOfText(cell);

    // Assert
    expect(measurements).toEqual(expected);
  });

  it('gives nothing for a cell with no size', () => {
    // Act
    const measurements = measurementsOfText('no size recorded');

    // Assert
    expect(measurements).toBeUndefined();
  });
});
