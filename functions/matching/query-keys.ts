// Where query photos live: under the caller's organisation, so that no one can search with another's upload.
import { bucket } from '../../infra/resources.ts';
import type { Caller } from '../../schemas/identity.ts';
import { Forbidden } from '../http/errors.ts';

export const queryPrefixOf = (caller: Pick<Caller, 'org'>) => `${bucket.queriesPrefix}${caller.org.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100)}/`;

export function assertOwnQueryPhoto(imageKey: string, caller: Pick<Caller, 'org'>, field: string) {
  if (!imageKey.startsWith(queryPrefixOf(caller))) {
    throw new Forbidden(`${field} names a photo uploaded by another organisation`);
  }
}
