import { describe, expect, it } from 'vitest';
import type { IndexedObject, TextSearchStats } from '../../../../functions/matching/model.ts';
import { createTextIndex, textAlertThreshold, textIndexFromSnapshot } from '../../../../functions/matching/text/text-index.ts';
import { textObjects, textReports } from '../../../fixtures/text-reports.ts';

const indexOfFixtures = (onSearch?: (stats: TextSearchStats) => void) => {
  const index = createTextIndex(onSearch ? { onSearch } : {});
  for (const object of textObjects) index.upsert(object);
  return index;
};

describe('text index', () => {
  it('counts each object once, even when it is registered again', () => {
    // Arrange
    const index = indexOfFixtures();

    // Act
    for (const object of textObjects.slice(0, 5)) index.upsert(object);

    // Assert
    expect(index.size).toBe(textObjects.length);
  });

  it('finds an edited object by its new description and no longer by its old one', () => {
    // Arrange
    const index = indexOfFixtures();
    const [icon] = textObjects;
    if (!icon) throw new Error('no fixture');

    // Act
    index.upsert({ ...icon, markings: [{ kind: 'inventory-number', text: 'ΚΑΣ 9001' }] });

    // Assert
    expect(index.search({ text: 'inv. no. KAS 9001' }, 1)[0]?.objectId).toBe(icon.id);
    expect(index.search({ text: 'inv. no. KAS 1187' }, 5).map((candidate) => candidate.objectId)).not.toContain(icon.id);
  });

  it('never finds a removed object', () => {
    // Arrange
    const index = indexOfFixtures();
    const query = { text: 'Icon of St Nicholas, inscription "O AGIOS NIKOLAOS", inv. KAS 1187, 42 x 31 cm' };
    const before = index.search(query, 1)[0]?.objectId;

    // Act
    if (before) index.remove(before);

    // Assert
    expect(before).toBe('icon-nicholas-kastoria');
    expect(index.search(query, 10).map((candidate) => candidate.objectId)).not.toContain(before);
    expect(index.size).toBe(textObjects.length - 1);
  });

  it('gives identical results after a snapshot round trip', () => {
    // Arrange
    const index = indexOfFixtures();
    index.remove('coin-hadrian-aureus');

    // Act
    const loaded = textIndexFromSnapshot(index.toSnapshot());

    // Assert
    expect(loaded.size).toBe(index.size);
    for (const report of textReports) expect(loaded.search(report.query, 5)).toEqual(index.search(report.query, 5));
  });

  it('keeps working after loading: upserts and removals apply on top of the snapshot', () => {
    // Arrange
    const loaded = textIndexFromSnapshot(indexOfFixtures().toSnapshot());
    const [icon] = textObjects;
    if (!icon) throw new Error('no fixture');

    // Act
    loaded.remove(icon.id);
    loaded.upsert({ ...icon, id: 'icon-nicholas-kastoria-again' });

    // Assert
    expect(loaded.search({ text: 'inv. KAS 1187' }, 1)[0]?.objectId).toBe('icon-nicholas-kastoria-again');
  });

  it('writes the next snapshot from a loaded one, the objects no search has read included as they were', () => {
    // Arrange: a loaded index that has read a few objects (one search), lost one and gained one
    const loaded = textIndexFromSnapshot(indexOfFixtures().toSnapshot());
    const [first, icon] = [textReports[0], textObjects[0]];
    if (!first || !icon) throw new Error('no fixture');
    loaded.search(first.query, 5);
    loaded.remove(icon.id);
    loaded.upsert({ ...icon, id: 'icon-nicholas-kastoria-again' });

    // Act
    const reloaded = textIndexFromSnapshot(loaded.toSnapshot());

    // Assert
    expect(reloaded.size).toBe(loaded.size);
    for (const report of textReports) expect(reloaded.search(report.query, 5)).toEqual(loaded.search(report.query, 5));
  });

  it('refuses a snapshot that is not one', () => {
    // Arrange
    const bytes = new TextEncoder().encode('{"format":"something-else"}\n');

    // Act
    const load = () => textIndexFromSnapshot(bytes);

    // Assert
    expect(load).toThrow(/snapshot/);
  });

  it('scores only objects that share a word, concept, trigram or mark with the report', () => {
    // Arrange
    const stats: TextSearchStats[] = [];
    const index = indexOfFixtures((one) => stats.push(one));

    // Act
    const candidates = index.search({ text: 'Ottoman clock with Turkish numerals, tortoiseshell case' }, 10);

    // Assert
    expect(candidates[0]?.objectId).toBe('clock-ottoman-bracket');
    expect(stats[0]?.scored).toBe(stats[0]?.candidates);
    expect(stats[0]?.candidates).toBeLessThan(5);
  });

  it('does not let two digits a report read of a mark crowd the object out of the shortlist', () => {
    // Arrange: among a thousand objects, 150 prints whose accession numbers hold "34", and 21 clay tablets, one numbered NM 3417
    const index = createTextIndex();
    const object = (id: string, objectType: string, title: string, mark: string): IndexedObject => ({
      id,
      lang: 'en',
      country: 'IQ',
      objectType,
      title,
      description: title,
      markings: [{ kind: 'inventory-number', text: mark }],
    });
    for (let n = 0; n < 830; n++) index.upsert(object(`vase-${n}`, 'vase', 'Painted vase', `V.${1000 + n}`));
    for (let n = 0; n < 150; n++) index.upsert(object(`print-${n}`, 'print', `View of a harbour, plate ${n}`, `P.${n}.34`));
    for (let n = 0; n < 20; n++) index.upsert(object(`tablet-${n}`, 'tablet', 'Clay tablet with cuneiform text', `NM ${5000 + n}`));
    index.upsert(object('tablet-nm-3417', 'tablet', 'Clay tablet with cuneiform text', 'NM 3417'));

    // Act: a customs note that read only "NM 34" of the number
    const candidates = index.search({ structured: { objectType: 'tablet', markings: ['NM 34'] } }, 5);

    // Assert
    expect(candidates[0]?.objectId).toBe('tablet-nm-3417');
  });

  it('scores nothing for a report that shares nothing with the registry', () => {
    // Arrange
    const stats: TextSearchStats[] = [];
    const index = indexOfFixtures((one) => stats.push(one));

    // Act
    const candidates = index.search({ text: 'zzqx wvvy', structured: { country: 'GR' } }, 10);

    // Assert
    expect(candidates).toEqual([]);
    expect(stats[0]).toEqual({ candidates: 0, scored: 0 });
  });
});

describe('calibration on the labelled reports', () => {
  it('ranks the true object first for nearly every report that has one, and rarely alerts wrongly', () => {
    // Arrange
    const index = indexOfFixtures();

    // Act
    const outcomes = textReports.map((report) => ({ report, top: index.search(report.query, 1)[0] }));

    // Assert
    const withTruth = outcomes.filter(({ report }) => report.truth !== null);
    const correct = withTruth.filter(({ report, top }) => top?.objectId === report.truth).length;
    const falseAlerts = outcomes.filter(({ report, top }) => top && top.score >= textAlertThreshold && top.objectId !== report.truth).length;
    expect(correct / withTruth.length).toBeGreaterThanOrEqual(0.9);
    expect(falseAlerts / outcomes.length).toBeLessThanOrEqual(0.05);
  });
});
