// Moves an object between stolen, missing, looted, recovered and returned, keeping the change in its history.
import type { Caller } from '../../schemas/identity.ts';
import type { ChangeStatus } from '../../schemas/object-id.ts';
import { Conflict } from '../http/errors.ts';
import { changedMeanwhile, loadForChange } from './edit.ts';
import type { Clock, ImageRecord, ObjectRepository, StoredObject } from './model.ts';

export async function changeStatus(
  id: string,
  change: ChangeStatus,
  expectedVersion: number | undefined,
  caller: Caller,
  deps: { objects: ObjectRepository; clock: Clock },
): Promise<{ object: StoredObject; images: ImageRecord[] }> {
  const { object, images } = await loadForChange(id, expectedVersion, caller, deps.objects);
  if (object.status === change.status) {
    throw new Conflict(`The object is already ${change.status}`, [{ path: 'status', reason: `is already ${change.status}` }]);
  }
  const at = deps.clock.now().toISOString();
  const next: StoredObject = { ...object, status: change.status, version: object.version + 1, updatedAt: at };
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
