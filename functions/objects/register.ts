// Registers a newly reported stolen, missing or looted object for the caller's organisation.
import type { Caller } from '../../schemas/identity.ts';
import type { RegisterObject } from '../../schemas/object-id.ts';
import type { Clock, Ids, ObjectRepository, StoredObject } from './model.ts';

export async function registerObject(
  input: RegisterObject,
  caller: Caller,
  deps: { objects: ObjectRepository; clock: Clock; ids: Ids },
): Promise<StoredObject> {
  const at = deps.clock.now().toISOString();
  const object: StoredObject = {
    ...input,
    id: deps.ids.next(),
    version: 1,
    orgId: caller.org,
    createdBy: caller.sub,
    createdAt: at,
    updatedAt: at,
  };
  await deps.objects.create(object, {
    version: 1,
    at,
    by: { sub: caller.sub, org: caller.org },
    change: 'registered',
    to: object.status,
  });
  return object;
}
