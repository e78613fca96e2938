import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import type { IndexedObject } from '../../../../functions/matching/model.ts';
import { objectFeatures, queryFeatures } from '../../../../functions/matching/text/features.ts';
import { findingsFor, registryOver, textAlertThreshold, weigh } from '../../../../functions/matching/text/score.ts';
import { RegisterObject } from '../../../../schemas/object-id.ts';

const registered = (id: string, record: z.input<typeof RegisterObject>): IndexedObject => {
  const parsed = RegisterObject.parse(record);
  return { ...parsed, id, country: parsed.incident?.country ?? '' };
};

const bowl = (id: string, subject: string) =>
  registered(id, {
    lang: 'en', objectType: 'bowl', title: 'Blue and white porcelain bowl', description: 'Blue and white porcelain bowl, Wanli period.', materials: ['porcelain'], subject,
    measurements: { height: 7, unit: 'cm' }, markings: [{ kind: 'other', text: 'Da Ming Wanli nian zhi' }],
    incident: { country: 'FR', place: 'Fontainebleau', date: '2015-03-01' }, status: 'stolen',
  });

const objects = [
  bowl('bowl-dragons', 'Two dragons chasing flaming pearls among clouds'),
  bowl('bowl-zebu', 'A humped zebu walking left'),
  bowl('bowl-carp', 'Carp leaping from waves'),
  bowl('bowl-plain', 'Scrolling lotus'),
];
const features = objects.map(objectFeatures);
const registry = registryOver(features);

/** The findings a report gets against each object, by the object's id. */
const findingsOf = (text: string) => {
  const find = findingsFor(queryFeatures({ text }, registry.has), registry);
  return new Map(features.map((object) => [object.id, find(object)]));
};
const contradictions = (text: string, id: string) => (findingsOf(text).get(id) ?? []).filter((finding) => finding.name === 'subjectContradicts');

describe('depicted animals', () => {
  it('counts other animals depicted as a contradiction that keeps the object under the alert threshold', () => {
    // Arrange
    const text = 'Blue and white porcelain bowl painted with horses grazing, Wanli mark "Da Ming Wanli nian zhi", height 7 cm';

    // Act
    const found = findingsOf(text).get('bowl-dragons') ?? [];

    // Assert
    expect(found.filter((finding) => finding.name === 'subjectContradicts').map((finding) => finding.detail)).toEqual(['the report shows horse, the object dragon']);
    expect(weigh(found).score).toBeLessThan(textAlertThreshold);
  });

  it('reads the animals in any of the report languages', () => {
    // Act
    const said = contradictions('Bol en porcelaine bleu et blanc, décor de chevaux', 'bowl-dragons');

    // Assert
    expect(said.map((finding) => finding.detail)).toEqual(['the report shows horse, the object dragon']);
  });

  it('does not count a wider animal the report names against the kind the object shows', () => {
    // Act
    const said = [contradictions('Bowl painted with a bull', 'bowl-zebu'), contradictions('Bowl painted with fish among waves', 'bowl-carp')];

    // Assert
    expect(said).toEqual([[], []]);
  });

  it('says nothing when one side names no animal', () => {
    // Act
    const said = [contradictions('Bowl painted with horses grazing', 'bowl-plain'), contradictions('Blue and white bowl, Wanli mark', 'bowl-dragons')];

    // Assert
    expect(said).toEqual([[], []]);
  });

  it('does not compare saints with animals', () => {
    // Act
    const said = contradictions('Bowl painted with Saint George', 'bowl-dragons');

    // Assert
    expect(said).toEqual([]);
  });
});
