import { describe, expect, it } from 'vitest';
import { toLinkedArt } from '../../../functions/interchange/jsonld.ts';
import { caller, greekIcon, malianTerracotta } from '../../fixtures/objects.ts';
import { viewAs } from '../../support/object-views.ts';

const apiUrl = 'https://api.registry.example';
const aat = (n: string) => `http://vocab.getty.edu/aat/${n}`;

describe('toLinkedArt', () => {
  it('is a HumanMadeObject in the Linked Art context, named by its URL in the API', async () => {
    // Arrange
    const view = await viewAs(greekIcon);

    // Act
    const object = toLinkedArt(view, apiUrl);

    // Assert
    expect(object).toMatchObject({ '@context': 'https://linked.art/ns/v1/linked-art.json', id: `${apiUrl}/v1/objects/${view.id}`, type: 'HumanMadeObject', _label: 'Άγιος Νικόλαος' });
  });

  it('identifies the object by its inventory number, classified as an accession number', async () => {
    // Arrange
    const view = await viewAs(greekIcon);

    // Act
    const object = toLinkedArt(view, apiUrl);

    // Assert
    expect(object.identified_by).toContainEqual(
      expect.objectContaining({ type: 'Identifier', content: 'ΚΑΣ 1187', classified_as: [expect.objectContaining({ id: aat('300312355') })] }),
    );
  });

  it('gives each dimension its value, AAT unit and AAT type', async () => {
    // Arrange
    const view = await viewAs(malianTerracotta);

    // Act
    const object = toLinkedArt(view, apiUrl);

    // Assert
    const dimensions = (object.dimension as any[]).map((d) => ({ value: d.value, unit: d.unit.id, type: d.classified_as[0].id }));
    expect(dimensions).toEqual([
      { value: 38, unit: aat('300379098'), type: aat('300055644') },
      { value: 2.4, unit: aat('300379226'), type: aat('300056240') },
    ]);
  });

  it('carries the inscription with its text and language', async () => {
    // Arrange
    const view = await viewAs(greekIcon);

    // Act
    const object = toLinkedArt(view, apiUrl);

    // Assert
    expect(object.carries).toContainEqual(
      expect.objectContaining({
        type: 'LinguisticObject',
        content: 'Ο ΑΓΙΟΣ ΝΙΚΟΛΑΟΣ',
        classified_as: [expect.objectContaining({ id: aat('300028702') })],
        language: [expect.objectContaining({ type: 'Language', _label: 'el' })],
      }),
    );
  });

  it('shows the theft as an activity classified as theft, with its place and time-span', async () => {
    // Arrange
    const view = await viewAs(greekIcon);

    // Act
    const object = toLinkedArt(view, apiUrl);

    // Assert
    expect(object).not.toHaveProperty('changed_ownership_through');
    const [theft] = object.present_at as any[];
    expect(theft).toMatchObject({
      type: 'Activity',
      classified_as: [{ id: aat('300055292') }],
      timespan: { begin_of_the_begin: '2023-11-18T00:00:00Z', end_of_the_end: '2023-11-18T23:59:59Z' },
    });
    expect(theft.took_place_at[0].identified_by).toContainEqual({ type: 'Identifier', _label: 'ISO 3166-1 alpha-2', content: 'GR' });
  });

  it('leaves out the police reference and contact when the reader may not see them', async () => {
    // Arrange
    const market = await viewAs(greekIcon, caller('market', 'auction-watch'));
    const police = await viewAs(greekIcon, caller('police', 'hellenic-police'));

    // Act
    const forMarket = JSON.stringify(toLinkedArt(market, apiUrl));
    const forPolice = JSON.stringify(toLinkedArt(police, apiUrl));

    // Assert
    expect(forMarket).not.toContain(greekIcon.policeReference);
    expect(forMarket).not.toContain(greekIcon.contact?.email);
    expect(forPolice).toContain(greekIcon.policeReference);
  });
});
