// Which session the console opens on: a live one, or in the field with no network an expired one.
import { describe, expect, it } from 'vitest';
import { mayOpen, type Session } from '../../../web/src/auth/session.ts';

const now = Date.parse('2026-11-30T12:00:00Z');
const session = (expiresAt: number): Session => ({ token: 't', sub: 'nikos', org: 'customs-evzoni', role: 'customs', expiresAt });

describe('mayOpen', () => {
  it('opens a live session, online or not', () => {
    expect(mayOpen(session(now + 60_000), true, now)).toBe(true);
    expect(mayOpen(session(now + 60_000), false, now)).toBe(true);
  });

  it('opens an expired session only while the registry cannot be reached, so the watch list still works at a border post', () => {
    expect(mayOpen(session(now - 1), false, now)).toBe(true);
    expect(mayOpen(session(now - 1), true, now)).toBe(false);
  });

  it('opens nothing without a session', () => {
    expect(mayOpen(undefined, false, now)).toBe(false);
  });
});
