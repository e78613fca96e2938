// The permission table applied: roles refused before anything is read, organisations checked on their records.
import { describe, expect, it } from 'vitest';
import { permissions, type Action } from '../../../infra/permissions.ts';
import { routes } from '../../../infra/wiring.ts';
import { Forbidden } from '../../../functions/http/errors.ts';
import { allowedOn, assertRoleMay, seesRestricted } from '../../../functions/http/permissions.ts';
import { Role } from '../../../schemas/identity.ts';
import { caller } from '../../fixtures/objects.ts';

describe('the permission table', () => {
  it('names an action for every route, and every action is used by a route', () => {
    // Act
    const used = new Set(routes.map((route) => route.action));

    // Assert
    expect([...used].sort()).toEqual(Object.keys(permissions).sort());
  });

  it('refuses a role the action does not list with 403, and lets the listed roles through', () => {
    // Arrange
    const outcomes = Object.keys(permissions).flatMap((action) =>
      Role.options.map((role) => {
        try {
          assertRoleMay(caller(role, 'some-org'), action as Action);
          return `${action} ${role} allowed`;
        } catch (error) {
          return `${action} ${role} ${error instanceof Forbidden ? 'forbidden' : String(error)}`;
        }
      }),
    );

    // Assert
    expect(outcomes).toContain('deadLetters.manage admin allowed');
    expect(outcomes).toContain('deadLetters.manage police forbidden');
    expect(outcomes).toContain('object.register public forbidden');
    expect(outcomes).toContain('alerts.subscribe public forbidden');
    expect(outcomes).toContain('search public allowed');
    expect(outcomes.filter((outcome) => !/ (allowed|forbidden)$/.test(outcome))).toEqual([]);
  });

  it('lets a museum change only its own objects, and an admin any', () => {
    // Act
    const own = allowedOn(caller('museum', 'kastoria'), 'object.change', 'kastoria');
    const other = allowedOn(caller('museum', 'corfu'), 'object.change', 'kastoria');
    const admin = allowedOn(caller('admin', 'registry-operators'), 'object.change', 'kastoria');

    // Assert
    expect([own, other, admin]).toEqual([true, false, true]);
  });

  it('shows restricted fields to investigators everywhere and to a museum on its own records only', () => {
    // Act
    const seen = Role.options.map((role) => [role, seesRestricted(caller(role, 'corfu'), 'kastoria'), seesRestricted(caller(role, 'kastoria'), 'kastoria')]);

    // Assert
    expect(seen).toEqual([
      ['museum', false, true],
      ['police', true, true],
      ['customs', true, true],
      ['market', false, false],
      ['public', false, false],
      ['admin', true, true],
    ]);
  });
});
