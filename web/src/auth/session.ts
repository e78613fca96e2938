// Who is signed in: the registry token, kept in this browser until it expires, and the role and organisation it carries.
import type { Role } from '../../../schemas/identity.ts';

export interface Session {
  token: string;
  sub: string;
  org: string;
  role: Role;
  /** Epoch milliseconds. */
  expiresAt: number;
}

const storageKey = 'registry.session';

function claimsOf(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (char) => char.charCodeAt(0)))) as Record<string, unknown>;
}

/** Reads the claims the API reads (schemas/identity.ts): org and role directly, or Cognito's custom:org and group. */
export function sessionFrom(token: string): Session {
  const claims = claimsOf(token);
  const groups = Array.isArray(claims['cognito:groups']) ? (claims['cognito:groups'] as string[]) : [];
  const role = (claims.role ?? groups[0]) as Role;
  const org = String(claims.org ?? claims['custom:org'] ?? '');
  return { token, sub: String(claims.sub), org, role, expiresAt: Number(claims.exp) * 1000 };
}

/**
 * The last session, even expired: in the field, with no network, the watch list and the outbox still open on it, and
 * nothing is sent until the person signs in again (see mayOpen).
 */
export function savedSession(): Session | undefined {
  const token = localStorage.getItem(storageKey);
  if (!token) return undefined;
  try {
    return sessionFrom(token);
  } catch {
    // A token we cannot read is as good as none.
    localStorage.removeItem(storageKey);
    return undefined;
  }
}

export const hasExpired = (session: Session, now = Date.now()) => session.expiresAt <= now;

/** Whether the console opens on this session: a live one always; an expired one only while the registry is unreachable. */
export const mayOpen = (session: Session | undefined, reachable: boolean, now = Date.now()): session is Session =>
  session !== undefined && (!hasExpired(session, now) || !reachable);

export function saveSession(session: Session | undefined): void {
  if (session) localStorage.setItem(storageKey, session.token);
  else localStorage.removeItem(storageKey);
}
