// Edits an object's description under optimistic locking: the caller names the version it edited.
import { isDeepStrictEqual } from 'node:util';
import * as z from 'zod';
import type { Caller } from '../../schemas/identity.ts';
import { objectIdFields, ObjectStatus, type EditObject } from '../../schemas/object-id.ts';
import { Conflict } from '../http/errors.ts';
import { parseOrThrow } from '../http/parse.ts';
import { assertCanChange, findVisible } from './access.ts';
import type { Clock, ImageRecord, ObjectRepository, StoredObject } from './model.ts';

function staleVersion(current: number, expected: number): Conflict {
  return new Conflict(`The object is at version ${current}, not ${expected}: read it again and reapply your change`, [
    { path: 'If-Match', reason: `is ${expected} but the current version is ${current}` },
  ]);
}

export function changedMeanwhile(): Conflict {
  return new Conflict('Someone else changed the object at the same moment: read it again and reapply your change');
}

/** Loads an object the caller may change, or fails with 404/403/409. */
export async function loadForChange(
  id: string,
  expectedVersion: number | undefined,
  caller: Caller,
  objects: ObjectRepository,
): Promise<{ object: StoredObject; images: ImageRecord[] }> {
  const found = await findVisible(id, caller, objects);
  assertCanChange(caller, found.object);
  if (expectedVersion !== undefined && expectedVersion !== found.object.version) {
    throw staleVersion(found.object.version, expectedVersion);
  }
  return found;
}

// What an edit must leave behind: a whole Object ID record in any status (RegisterObject allows loss statuses only,
// so it would refuse every edit of a recovered or returned object).
const EditedRecord = z.strictObject({ ...objectIdFields, status: ObjectStatus });

function applyPatch(object: StoredObject, patch: EditObject): StoredObject {
  const next: Record<string, unknown> = { ...object };
  for (const [field, value] of Object.entries(patch)) {
    if (value === null) delete next[field];
    else if (value !== undefined) next[field] = value;
  }
  return next as StoredObject;
}

export async function editObject(
  id: string,
  patch: EditObject,
  expectedVersion: number,
  caller: Caller,
  deps: { objects: ObjectRepository; clock: Clock },
): Promise<{ object: StoredObject; images: ImageRecord[] }> {
  const { object, images } = await loadForChange(id, expectedVersion, caller, deps.objects);
  const patched = applyPatch(object, patch);
  const changed = Object.keys(patch).filter((field) => !isDeepStrictEqual(object[field as keyof StoredObject], patched[field as keyof StoredObject]));
  if (changed.length === 0) return { object, images };

  // The merged record must still be a whole, valid Object ID record.
  const { id: _id, version: _v, orgId: _o, createdBy: _c, createdAt: _ca, updatedAt: _u, statusNote: _n, quietImport: _q, ...record } = patched;
  parseOrThrow(EditedRecord, record, 'body');

  const at = deps.clock.now().toISOString();
  const next: StoredObject = { ...patched, version: object.version + 1, updatedAt: at };
  const written = await deps.objects.replace(next, object.version, {
    version: next.version,
    at,
    by: { sub: caller.sub, org: caller.org },
    change: 'edited',
    fields: changed.sort(),
  });
  if (!written) throw changedMeanwhile();
  return { object: next, images };
}
