// Reads the object version a client names in If-Match ("3", "\"3\"" or W/"3").
import { Invalid, PreconditionRequired } from './errors.ts';

export function versionFromIfMatch(header: string | undefined, required: true): number;
export function versionFromIfMatch(header: string | undefined, required: false): number | undefined;
export function versionFromIfMatch(header: string | undefined, required: boolean): number | undefined {
  if (header === undefined || header.trim() === '') {
    if (required) throw new PreconditionRequired('Send If-Match with the version you edited, so that no one else\'s change is overwritten');
    return undefined;
  }
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) throw new Invalid('If-Match must carry an object version such as "3"', [{ path: 'If-Match', reason: 'is not a version number' }]);
  return Number(match[1]);
}

export const etagOf = (version: number) => ({ etag: `"${version}"` });
