// Moves an object from one status to another along the allowed transitions, keeping who, when and why in its history.
import type { Caller } from '../../schemas/identity.ts';
import { LossStatus, type ChangeStatus } from '../../schemas/object-id.ts';
import { statusTransitions } from '../../schemas/status-transitions.ts';
import { Conflict, Invalid } from '../http/errors.ts';
import { changedMeanwhile, loadForChange } from './edit.ts';
import type { Clock, ImageRecord, ObjectRepository, StoredObject } from './model.ts';

// The note of these stays on the record, for partners to read while the status lasts.
const shownNote = new Set(['found-unresolved', 'disputed']);

function assertAllowed(object: StoredObject, change: ChangeStatus): void {
  const allowed = statusTransitions[object.status];
  if (allowed.includes(change.status)) return;
  const reason = object.status === change.status ? `is already ${change.status}` : `cannot go from ${object.status} to ${change.status}`;
  throw new Conflict(`The object is ${object.status}: it can become ${allowed.join(', ')}`, [{ path: 'status', reason: `${reason}; allowed: ${allowed.join(', ')}` }]);
}

export async function changeStatus(
  id: string,
  change: ChangeStatus,
  expectedVersion: number | undefined,
  caller: Caller,
  deps: { objects: ObjectRepository; clock: Clock },
): Promise<{ object: StoredObject; images: ImageRecord[] }> {
  const { object, images } = await loadForChange(id, expectedVersion, caller, deps.objects);
  assertAllowed(object, change);
  const incident = change.incident ?? object.incident;
  if (LossStatus.safeParse(change.status).success && !incident) {
    throw new Invalid('Say when, where and how the object was lost', [{ path: 'incident', reason: `is required to make an ${object.status} object ${change.status}` }]);
  }
  const at = deps.clock.now().toISOString();
  const { statusNote: _previous, ...rest } = object;
  const next: StoredObject = {
    ...rest,
    status: change.status,
    ...(incident ? { incident } : {}),
    ...(change.note && shownNote.has(change.status) ? { statusNote: change.note } : {}),
    version: object.version + 1,
    updatedAt: at,
  };
  const written = await deps.objects.replace(next, object.version, {
    version: next.version,
    at,
    by: { sub: caller.sub, org: caller.org },
    change: 'status-changed',
    from: object.status,
    to: change.status,
    ...(change.note ? { note: change.note } : {}),
  });
  if (!written) throw changedMeanwhile();
  return { object: next, images };
}
