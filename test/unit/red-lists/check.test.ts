import { describe, expect, it } from 'vitest';
import { redListHits } from '../../../functions/red-lists/check.ts';
import { RedListCategory } from '../../../schemas/red-lists.ts';

const idsOf = (text: string) => redListHits({ text }).map((hit) => hit.id);

describe('redListHits', () => {
  it('fits a customs sighting of a cuneiform clay tablet from Iraq to the Iraq list, with its evidence', () => {
    // Arrange
    const query = { text: 'clay tablet with cuneiform signs, 8 cm, from Iraq' };

    // Act
    const hits = redListHits(query);

    // Assert
    expect(hits).toEqual([
      {
        id: 'iraq-antiquities',
        title: 'Emergency Red List of Iraqi Cultural Objects at Risk',
        why: 'tablet (type), terracotta (material: clay), from Iraq (origin); cuneiform',
      },
    ]);
  });

  it.each([
    ['French', "tablette d'argile portant des signes cunéiformes, 8 cm, provenant d'Irak"],
    ['Arabic', 'لوح طيني عليه كتابة مسمارية، ٨ سم، من العراق'],
    ['German', 'Tontafel mit Keilschriftzeichen, 8 cm, aus dem Irak'],
    ['Russian', 'глиняная табличка с клинописью, 8 см, из Ирака'],
  ])('fits the same tablet described in %s to the Iraq list', (_, text) => {
    // Arrange
    const query = { text };

    // Act
    const ids = redListHits(query).map((hit) => hit.id);

    // Assert
    expect(ids).toEqual(['iraq-antiquities']);
  });

  it('fits a Byzantine icon of St George from Cyprus to the Greece and Cyprus ecclesiastical list', () => {
    // Arrange
    const text = 'Byzantine icon of St George, tempera on wood, from Cyprus';

    // Act
    const hits = redListHits({ text });

    // Assert
    expect(hits.map((hit) => hit.id)).toEqual(['greece-cyprus-ecclesiastical']);
    expect(hits[0]?.why).toBe('icon (type), tempera (material), wood (material), from Cyprus (origin), byzantine (period); Saint George');
  });

  it('fits a 19th-century oil painting from France to no list', () => {
    // Arrange
    const text = '19th-century oil painting on canvas from France';

    // Act
    const ids = idsOf(text);

    // Assert
    expect(ids).toEqual([]);
  });

  it('rules the Iraq list out for a clay tablet said to come from Egypt', () => {
    // Arrange
    const text = 'clay tablet from Egypt';

    // Act
    const ids = idsOf(text);

    // Assert
    expect(ids).not.toContain('iraq-antiquities');
  });

  it('fits a pre-Columbian ceramic figure from Peru to the Latin American list', () => {
    // Arrange
    const text = 'pre-Columbian ceramic figure from Peru';

    // Act
    const hits = redListHits({ text });

    // Assert
    expect(hits.map((hit) => hit.id)).toEqual(['latin-america-pre-columbian']);
    expect(hits[0]?.why).toContain('from Peru');
  });

  it('rules a list out when the stated period does not overlap its years', () => {
    // Arrange
    const within = 'Khmer sandstone sculpture, 12th century';
    const after = 'Khmer sandstone sculpture, 19th century';

    // Act
    const [fitting, ruledOut] = [idsOf(within), idsOf(after)];

    // Assert
    expect(fitting).toEqual(['cambodia-antiquities']);
    expect(ruledOut).toEqual([]);
  });

  it('fits no list on the object type alone', () => {
    // Arrange
    const text = 'an icon';

    // Act
    const ids = idsOf(text);

    // Assert
    expect(ids).toEqual([]);
  });

  it('fits every list whose countries a stated culture spans', () => {
    // Arrange
    const text = 'Mesopotamian cylinder seal';

    // Act
    const ids = idsOf(text);

    // Assert
    expect(ids).toEqual(['iraq-antiquities', 'syria-antiquities']);
  });

  it('reads the type and materials from the structured fields too', () => {
    // Arrange
    const query = { structured: { objectType: 'statuette', materials: ['jade'] }, text: 'Olmec' };

    // Act
    const ids = redListHits(query).map((hit) => hit.id);

    // Assert
    expect(ids).toEqual(['latin-america-pre-columbian']);
  });

  it('does not take the country where the object was seen as its origin', () => {
    // Arrange
    const query = { text: 'cuneiform clay tablet from Iraq', structured: { country: 'FR' } };

    // Act
    const ids = redListHits(query).map((hit) => hit.id);

    // Assert
    expect(ids).toEqual(['iraq-antiquities']);
  });

  it('does not take a Russian icon for a Greek or Cypriot one', () => {
    // Arrange
    const text = 'Russian icon of St Nicholas, tempera on wood, 19th century';

    // Act
    const ids = idsOf(text);

    // Assert
    expect(ids).toEqual([]);
  });

  it('checks against the categories it is given', () => {
    // Arrange
    const categories = [
      RedListCategory.parse({
        id: 'test-masks',
        title: { en: 'Masks', fr: 'Masques', es: 'Máscaras', ar: 'أقنعة' },
        countries: ['ML'],
        objectTypes: ['mask'],
        materials: ['wood'],
        subjects: [],
        period: { from: 1800, to: 1950 },
        note: 'Wooden masks.',
        source: 'https://icom.museum/en/resources/red-lists/',
      }),
    ];

    // Act
    const hits = redListHits({ text: 'wooden mask from Mali' }, categories);

    // Assert
    expect(hits).toEqual([{ id: 'test-masks', title: 'Masks', why: 'mask (type), wood (material: wooden), from Mali (origin)' }]);
  });

  it('fits a post-Byzantine icon of a saint on a gold ground to the Greek and Cypriot list only, not to Coptic Egypt', () => {
    // Act
    const ids = idsOf('Post-Byzantine icon of Saint Nicholas blessing, on a gold ground, inscribed Ο ΑΓΙΟΣ ΝΙΚΟΛΑΟΣ');

    // Assert
    expect(ids).toEqual(['greece-cyprus-ecclesiastical']);
  });

  it('leaves a gold necklace of a period many lists span unflagged when nothing says where it comes from', () => {
    // Act
    const ids = idsOf('gold necklace, Roman period, 12 cm');

    // Assert
    expect(ids).toEqual([]);
  });

  it('reads a Chinese dynasty as the origin of a tomb figure', () => {
    // Act
    const ids = idsOf('painted pottery tomb figure of a horse, Tang dynasty');

    // Assert
    expect(ids).toEqual(['china-antiquities']);
  });
});
