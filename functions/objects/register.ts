// Registers a newly reported stolen, missing or looted object (or an inventoried one) for the caller's organisation.
import type { Caller } from '../../schemas/identity.ts';
import type { RegisterObject } from '../../schemas/object-id.ts';
import type { HistoryEntry } from '../../schemas/object.ts';
import type { Clock, Ids, ObjectRepository, StoredObject } from './model.ts';

/** A new object of `orgId` as registered by `caller`, with its first history entry. */
export function newObject(input: RegisterObject, orgId: string, caller: Caller, at: string, id: string): { object: StoredObject; entry: HistoryEntry } {
  const object: StoredObject = { ...input, id, version: 1, orgId, createdBy: caller.sub, createdAt: at, updatedAt: at };
  return { object, entry: { version: 1, at, by: { sub: caller.sub, org: caller.org }, change: 'registered', to: object.status } };
}

export async function registerObject(
  input: RegisterObject,
  caller: Caller,
  deps: { objects: ObjectRepository; clock: Clock; ids: Ids },
): Promise<StoredObject> {
  const { object, entry } = newObject(input, caller.org, caller, deps.clock.now().toISOString(), deps.ids.next());
  await deps.objects.create(object, entry);
  return object;
}
