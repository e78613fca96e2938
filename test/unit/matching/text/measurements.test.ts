import { describe, expect, it } from 'vitest';
import { compareSizes, sizeContradiction, sizeOfRecord, sizeOfText, sizeTolerance } from '../../../../functions/matching/text/measurements.ts';
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
    ['8.5 inches tall', undefined, 21.59],
  ])('reads "%s"', (text, dimension, centimetres) => {
    // Arrange
    const folded = fold(text);

    // Act
    const [first] = sizeOfText(folded).lengths;

    // Assert
    expect(first?.dimension).toBe(dimension);
    expect(first?.value).toBeCloseTo(centimetres, 5);
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
});

describe('compareSizes', () => {
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
});
