// When a changed object is matched against the sightings of the last weeks again: only when that can change a match.
import { describe, expect, it } from 'vitest';
import { worthMatchingAgain } from '../../../functions/matching/match-object.ts';
import { registerObject } from '../../../functions/objects/register.ts';
import { caller, greekIcon } from '../../fixtures/objects.ts';
import { memoryRegistry } from '../../support/in-memory-ports.ts';

const stolen = await registerObject(greekIcon, caller('museum', 'kastoria'), memoryRegistry());

describe('worthMatchingAgain', () => {
  it.each([
    ['a newly registered loss', undefined, stolen, true],
    ['an inventoried object that is lost', { ...stolen, status: 'inventoried' as const }, stolen, true],
    ['a loss whose description changed', stolen, { ...stolen, description: `${stolen.description} A wax stain on the lower edge.` }, true],
    ['a loss corrected from stolen to looted', stolen, { ...stolen, status: 'looted' as const }, false],
    ['a loss with a new police reference', stolen, { ...stolen, policeReference: 'KAS-2026-1' }, false],
    ['an object returned to its owner', stolen, { ...stolen, status: 'returned' as const }, false],
    ['an inventoried record that is edited', { ...stolen, status: 'inventoried' as const }, { ...stolen, status: 'inventoried' as const, title: 'x' }, false],
  ])('answers for %s', (_what, before, after, expected) => {
    // Act
    const worth = worthMatchingAgain(before, after);

    // Assert
    expect(worth).toBe(expected);
  });
});
