import { describe, expect, it } from 'vitest';
import { fold } from '../../../functions/matching/text/normalise.ts';
import { periodIn } from '../../../functions/matching/text/period.ts';

const yearsIn = (text: string) => {
  const period = periodIn(fold(text));
  return period && [period.from, period.to];
};

describe('periodIn', () => {
  it.each([
    ['3rd millennium BC', [-3000, -2001]],
    ['IIIe millénaire av. J.-C.', [-3000, -2001]],
    ['3. Jahrtausend v. Chr.', [-3000, -2001]],
    ['III milenio a. C.', [-3000, -2001]],
    ['III тысячелетие до н. э.', [-3000, -2001]],
    ['3η χιλιετία π.Χ.', [-3000, -2001]],
    ['MÖ 3. binyıl', [-3000, -2001]],
    ['الألفية الثالثة قبل الميلاد', [-3000, -2001]],
    ['公元前3千年', [-3000, -2001]],
  ])('reads the millennium in "%s"', (text, expected) => {
    // Arrange
    const input = text;

    // Act
    const years = yearsIn(input);

    // Assert
    expect(years).toEqual(expected);
  });

  it.each([
    ['2nd century AD', [101, 200]],
    ['17th century', [1601, 1700]],
    ['17th-century', [1601, 1700]],
    ['IIe siècle av. J.-C.', [-200, -101]],
    ['XVIIe siècle', [1601, 1700]],
    ['17. Jahrhundert', [1601, 1700]],
    ['siglo XVII', [1601, 1700]],
    ['sec. XVII', [1601, 1700]],
    ['XVII век', [1601, 1700]],
    ['17ος αιώνας', [1601, 1700]],
    ['17. yüzyıl', [1601, 1700]],
    ['القرن السابع عشر', [1601, 1700]],
    ['公元前2世纪', [-200, -101]],
    ['十七世纪', [1601, 1700]],
    ['17th-18th century', [1601, 1800]],
  ])('reads the century in "%s"', (text, expected) => {
    // Arrange
    const input = text;

    // Act
    const years = yearsIn(input);

    // Assert
    expect(years).toEqual(expected);
  });

  it.each([
    ['dated 1654', [1654, 1654]],
    ['ca. 500 BC', [-525, -475]],
    ['c. 1650', [1625, 1675]],
    ['2000–1600 BC', [-2000, -1600]],
    ['AD 79', [79, 79]],
    ['500 av. J.-C.', [-500, -500]],
    ['公元前500年', [-500, -500]],
  ])('reads the year in "%s"', (text, expected) => {
    // Arrange
    const input = text;

    // Act
    const years = yearsIn(input);

    // Assert
    expect(years).toEqual(expected);
  });

  it.each([
    ['Byzantine', [330, 1453]],
    ['post-Byzantine', [1453, 1830]],
    ['Sumerian', [-3500, -2000]],
    ['Neo-Assyrian', [-911, -609]],
    ['néo-assyrien', [-911, -609]],
    ['Ottoman', [1299, 1922]],
    ['Angkor period', [802, 1431]],
    ['византийская икона', [330, 1453]],
    ['明代', [1368, 1644]],
  ])('reads the named period %s', (text, expected) => {
    // Arrange
    const input = text;

    // Act
    const years = yearsIn(input);

    // Assert
    expect(years).toEqual(expected);
  });

  it('widens the range to cover every statement', () => {
    // Arrange
    const text = 'Neo-Assyrian relief, 8th century BC';

    // Act
    const period = periodIn(fold(text));

    // Assert
    expect(period).toEqual({ from: -911, to: -609, stated: '8th century bc, neo assyrian' });
  });

  it.each([
    ['a size', 'tablet, 8 cm'],
    ['an inventory number', 'inv. 1654'],
    ['a number in a mark', 'label 1654/2'],
    ['a recent year, when it was seized', 'seized by customs in 2019'],
    ['a recent year in Chinese', '2019年查获'],
    ['nothing', 'clay tablet from Iraq'],
  ])('reads no period from %s', (_, text) => {
    // Arrange
    const input = text;

    // Act
    const period = periodIn(fold(input));

    // Assert
    expect(period).toBeUndefined();
  });

  it('prefers a stated date to a bare year', () => {
    // Arrange
    const text = '17th century icon, inventory label 1888';

    // Act
    const years = yearsIn(text);

    // Assert
    expect(years).toEqual([1601, 1700]);
  });
});
