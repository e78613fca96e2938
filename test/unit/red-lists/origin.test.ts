import { describe, expect, it } from 'vitest';
import { fold, tokenise } from '../../../functions/matching/text/normalise.ts';
import { nameFinder, originsIn } from '../../../functions/matching/text/origin.ts';

const countriesIn = (text: string) => originsIn(tokenise(fold(text))).map((origin) => origin.country);

describe('originsIn', () => {
  it.each([
    ['from Iraq'],
    ['an Iraqi tablet'],
    ['tablette irakienne'],
    ['aus dem Irak'],
    ['procedente de Irak'],
    ['من العراق'],
    ['из Ирака'],
    ['από το Ιράκ'],
    ['Irak kökenli'],
    ['来自伊拉克'],
  ])('reads Iraq in "%s"', (text) => {
    // Arrange
    const input = text;

    // Act
    const countries = countriesIn(input);

    // Assert
    expect(countries).toEqual(['IQ']);
  });

  it.each([
    ['Sumerian', ['IQ']],
    ['Mesopotamian', ['IQ', 'SY']],
    ['Khmer', ['KH']],
    ['Cambodge', ['KH']],
    ['Egyptian', ['EG']],
    ['Coptic', ['EG']],
    ['Κύπρου', ['CY']],
    ['Djenné', ['ML']],
    ['Inland Niger Delta', ['ML']],
  ])('reads the culture or adjective %s as its countries', (text, expected) => {
    // Arrange
    const input = text;

    // Act
    const countries = countriesIn(input);

    // Assert
    expect(countries).toEqual(expected);
  });

  it('reads pre-Columbian as every country of the region', () => {
    // Arrange
    const text = 'pre-Columbian';

    // Act
    const countries = countriesIn(text);

    // Assert
    expect(countries).toHaveLength(15);
    expect(countries).toContain('PE');
    expect(countries).toContain('MX');
  });

  it('keeps for each country the most specific words that named it', () => {
    // Arrange
    const text = 'pre-Columbian vessel from Peru';

    // Act
    const origins = originsIn(tokenise(fold(text)));

    // Assert
    expect(origins.find((origin) => origin.country === 'PE')).toEqual({ country: 'PE', words: 'peru' });
    expect(origins.find((origin) => origin.country === 'MX')).toEqual({ country: 'MX', words: 'pre columbian' });
  });

  it('does not read a shorter word that shares a stem with a name', () => {
    // Arrange
    const text = 'statuette, chin broken';

    // Act
    const countries = countriesIn(text);

    // Assert
    expect(countries).toEqual([]);
  });

  it('does not read "Greek" as an origin: it usually names the language of an inscription', () => {
    // Arrange
    const text = 'icon with a Greek inscription';

    // Act
    const countries = countriesIn(text);

    // Assert
    expect(countries).toEqual([]);
  });
});

describe('nameFinder', () => {
  it('takes the longest name first', () => {
    // Arrange
    const find = nameFinder([
      ['short', 'Niger'],
      ['long', 'Inland Niger Delta'],
    ]);

    // Act
    const hits = find(tokenise(fold('Inland Niger Delta terracotta from Niger')));

    // Assert
    expect(hits).toEqual([
      { value: 'long', words: 'inland niger delta' },
      { value: 'short', words: 'niger' },
    ]);
  });
});
