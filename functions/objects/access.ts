// Who may see and who may change an object: the rules of infra/permissions.ts applied to one record.
import type { Caller } from '../../schemas/identity.ts';
import { NotFound } from '../http/errors.ts';
import { assertAllowedOn, maySee } from '../http/permissions.ts';
import type { ImageRecord, ObjectRepository, StoredObject } from './model.ts';

/** An object the caller may know exists; one it may not is as absent as one that never was. */
export async function findVisible(id: string, caller: Caller, objects: Pick<ObjectRepository, 'get'>): Promise<{ object: StoredObject; images: ImageRecord[] }> {
  const found = await objects.get(id);
  if (!found || !maySee(caller, found.object)) throw new NotFound(`No object ${id}`);
  return found;
}

export function assertCanChange(caller: Caller, object: Pick<StoredObject, 'orgId'>): void {
  assertAllowedOn(caller, 'object.change', object.orgId, 'Only the museum that registered this object (or an admin) may change it');
}
