// Organisation rules without the API: ids from names, the role of each kind, and which tokens an organisation backs.
import { describe, expect, it } from 'vitest';
import { assertActiveOrg } from '../../../functions/orgs/active.ts';
import type { StoredOrg } from '../../../functions/orgs/model.ts';
import { orgIdFrom } from '../../../functions/orgs/orgs.ts';
import { Forbidden } from '../../../functions/http/errors.ts';
import { caller } from '../../fixtures/objects.ts';

const org = (status: StoredOrg['status']): StoredOrg => ({
  id: 'museum-of-kastoria',
  name: 'Museum of Kastoria',
  kind: 'museum',
  country: 'GR',
  status,
  createdAt: '2026-11-30T10:00:00.000Z',
  updatedAt: '2026-11-30T10:00:00.000Z',
  version: 1,
  createdBy: 'ops-1',
});
const directory = (found?: StoredOrg) => ({ orgs: { get: async () => found } });

describe('organisations', () => {
  it('make an id from a name in any script of Latin letters', () => {
    // Act
    const ids = ['Museum of Kastoria', "Musée d'Épinal", '  Zürich — Kunsthaus  '].map(orgIdFrom);

    // Assert
    expect(ids).toEqual(['museum-of-kastoria', 'musee-d-epinal', 'zurich-kunsthaus']);
  });

  it('back the tokens of their members while active, and no longer once suspended or unknown', async () => {
    // Act
    const outcomes = await Promise.all(
      [directory(org('active')), directory(org('suspended')), directory(undefined)].map((deps) =>
        assertActiveOrg(caller('museum', 'museum-of-kastoria'), deps).then(
          () => 'allowed',
          (error: unknown) => (error instanceof Forbidden ? 'forbidden' : String(error)),
        ),
      ),
    );

    // Assert
    expect(outcomes).toEqual(['allowed', 'forbidden', 'forbidden']);
  });

  it('give the admin role to the operators alone', async () => {
    // Act
    const operator = assertActiveOrg(caller('admin', 'registry-operators'), directory(undefined));
    const elsewhere = assertActiveOrg(caller('admin', 'museum-of-kastoria'), directory(org('active')));
    const nonAdminOperator = assertActiveOrg(caller('police', 'registry-operators'), directory(undefined));

    // Assert
    await expect(operator).resolves.toBeUndefined();
    await expect(elsewhere).rejects.toBeInstanceOf(Forbidden);
    await expect(nonAdminOperator).rejects.toBeInstanceOf(Forbidden);
  });
});
