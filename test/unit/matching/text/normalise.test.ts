import { describe, expect, it } from 'vitest';
import { fold, hanNumerals, isStopWord, stem, tokenise } from '../../../../functions/matching/text/normalise.ts';

describe('fold', () => {
  it.each([
    ['Greek capitals with accents', 'Ο ΆΓΙΟΣ ΝΙΚΌΛΑΟΣ', 'o agios nikolaos'],
    ['Greek final sigma and digraph letters', 'Θεοτόκος ψηφιδωτός', 'theotokos psifidotos'],
    ['Cyrillic', 'Святой Николай Чудотворец', 'svyatoi nikolai chudotvorets'],
    ['Cyrillic soft sign and shch', 'Щит, медь', 'shchit, med'],
    ['Arabic with the article and hamza', 'الأيقونة الذهبية', 'ayqwna dhhbya'],
    ['Arabic-Indic digits', 'ارتفاع ٤٢ سم', 'artfa 42 sm'],
    ['Turkish dotted and dotless i', 'İSTANBUL ışık kılıç', 'istanbul isik kilic'],
    ['German sharp s and umlauts', 'Straße, Öllampe, Gefäß', 'strasse, ollampe, gefass'],
    ['French accents and ligature', 'Icône, cœur, émail', 'icone, coeur, email'],
    ['full-width forms', 'ＫＡＳ　１１８７', 'kas 1187'],
  ])('folds %s', (_, text, folded) => {
    // Arrange
    const input = text;

    // Act
    const output = fold(input);

    // Assert
    expect(output).toBe(folded);
  });

  it('leaves Chinese characters as they are', () => {
    // Arrange
    const text = '圣尼古拉圣像';

    // Act
    const output = fold(text);

    // Assert
    expect(output).toBe('圣尼古拉圣像');
  });
});

describe('tokenise', () => {
  it('keeps a run of Chinese characters as one token beside Latin words and numbers', () => {
    // Arrange
    const folded = fold('木板蛋彩圣像，高42厘米 KAS-1187');

    // Act
    const tokens = tokenise(folded);

    // Assert
    expect(tokens).toEqual(['木板蛋彩圣像', '高', '42', '厘米', 'kas', '1187']);
  });
});

describe('stem', () => {
  it.each([
    ['Greek cases', ['nikolaos', 'nikolaou', 'nikolaoy']],
    ['Russian cases', ['nikolai', 'nikolaya', 'nikolayu']],
    ['plurals across languages', ['icone', 'icones', 'icona', 'icon']],
  ])('brings %s to one stem', (_, forms) => {
    // Arrange
    const words = forms;

    // Act
    const stems = new Set(words.map(stem));

    // Assert
    expect(stems.size).toBe(1);
  });

  it('leaves short words alone', () => {
    // Arrange
    const word = 'oro';

    // Act
    const stemmed = stem(word);

    // Assert
    expect(stemmed).toBe('oro');
  });
});

describe('isStopWord', () => {
  it.each(['the', 'de', 'und', 'einer', 'eines', 'einem', 'della', 'και', 'и', 've', 'في'])('treats %s as a stop word once folded', (word) => {
    // Arrange
    const folded = fold(word);

    // Act
    const stop = isStopWord(folded);

    // Assert
    expect(stop).toBe(true);
  });

  it('keeps content words', () => {
    // Arrange
    const folded = fold('icône');

    // Act
    const stop = isStopWord(folded);

    // Assert
    expect(stop).toBe(false);
  });
});

describe('hanNumerals', () => {
  it.each([
    ['寛文三年八月日', '寛文3年8月日'],
    ['乾隆二十年', '乾隆20年'],
    ['一七六四年', '1764年'],
    ['二〇一九', '2019'],
    ['千六百五', '1605'],
    ['大清康熙年製', '大清康熙年製'],
  ])('reads %s as %s', (text, expected) => {
    // Arrange
    const written = text;

    // Act
    const read = hanNumerals(written);

    // Assert
    expect(read).toBe(expected);
  });
});
