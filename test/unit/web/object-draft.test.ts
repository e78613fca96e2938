// The registration form's typed strings turned into what the API takes: a record, an edit's merge patch, a re-applied edit.
import { describe, expect, it } from 'vitest';
import { EditObject, RegisterObject } from '../../../schemas/object-id.ts';
import type { ObjectView } from '../../../schemas/object.ts';
import { draftFromObject, emptyDraft, patchBetween, rebase, registration } from '../../../web/src/screens/objects/draft.ts';
import { greekIcon } from '../../fixtures/objects.ts';

const stored = (changes: Partial<ObjectView> = {}): ObjectView => ({
  ...greekIcon,
  visibility: 'partners',
  id: '00000000-0000-4000-8000-000000000001',
  version: 3,
  orgId: 'museum-kastoria',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
  images: [],
  ...changes,
});

describe('the object draft', () => {
  it('makes a registration the API accepts from typed strings, leaving blank rows and fields out', () => {
    // Arrange
    const draft = {
      ...emptyDraft('en'),
      objectType: ' icon ',
      materials: 'tempera, wood,  gold leaf,',
      measurements: { ...emptyDraft('en').measurements, height: '42,5', width: '31', unit: 'cm' as const },
      inscriptions: [{ text: 'Ο ΑΓΙΟΣ ΝΙΚΟΛΑΟΣ', location: '', script: 'Grek', language: 'el' }, { text: '', location: '', script: '', language: '' }],
      description: 'Post-Byzantine icon of Saint Nicholas blessing, on a gold ground.',
      incident: { date: '2023-11', country: 'GR', place: '', circumstances: '' },
    };

    // Act
    const record = registration(draft, 'stolen');

    // Assert
    expect(RegisterObject.safeParse(record).error).toBeUndefined();
    expect(record).toMatchObject({
      objectType: 'icon',
      materials: ['tempera', 'wood', 'gold leaf'],
      measurements: { height: 42.5, width: 31, unit: 'cm' },
      inscriptions: [{ text: 'Ο ΑΓΙΟΣ ΝΙΚΟΛΑΟΣ', script: 'Grek', language: 'el' }],
      incident: { date: '2023-11', country: 'GR' },
    });
    expect(record).not.toHaveProperty('title');
    expect(record.measurements).not.toHaveProperty('weightUnit');
  });

  it('patches only the fields changed, and removes an emptied optional field with null', () => {
    // Arrange
    const object = stored();
    const edited = { ...draftFromObject(object), title: 'Agios Nikolaos', culture: '  ' };

    // Act
    const patch = patchBetween(draftFromObject(object), edited);

    // Assert
    expect(patch).toEqual({ title: 'Agios Nikolaos', culture: null });
    expect(EditObject.safeParse(patch).success).toBe(true);
  });

  it('sends nothing for a record read and saved untouched', () => {
    // Arrange
    const object = stored();

    // Act
    const patch = patchBetween(draftFromObject(object), draftFromObject(object));

    // Assert
    expect(patch).toEqual({});
  });

  it("re-applies the user's changed fields on top of the version someone else saved, keeping their other changes", () => {
    // Arrange
    const base = stored();
    const current = stored({ version: 4, title: 'Ο Άγιος Νικόλαος', dateOrPeriod: '1650–1680' });
    const edited = { ...draftFromObject(base), subject: 'Saint Nicholas blessing' };

    // Act
    const rebased = rebase(edited, base, current);

    // Assert
    expect(patchBetween(draftFromObject(current), rebased)).toEqual({ subject: 'Saint Nicholas blessing' });
    expect(rebased.title).toBe('Ο Άγιος Νικόλαος');
  });
});
