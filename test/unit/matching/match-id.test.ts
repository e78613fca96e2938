import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { matchIdOf } from '../../../functions/matching/match-id.ts';

describe('matchIdOf', () => {
  it('gives one pair one id, a valid UUID, and another pair another id', () => {
    // Arrange
    const sighting = '4d8a740c-614d-4f1b-b558-a4e621d919f1';
    const object = '02dca054-0e3a-49d2-aed3-b518b27d96f6';
    // Act
    const ids = [matchIdOf(sighting, object), matchIdOf(sighting, object), matchIdOf(object, sighting)];
    // Assert
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).not.toBe(ids[0]);
    for (const id of ids) expect(z.uuid().safeParse(id).success).toBe(true);
  });
});
