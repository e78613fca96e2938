// Ids derived from what they identify: the same sighting and object can only ever make one match.
import { createHash } from 'node:crypto';

export const matchIdOf = (sightingId: string, objectId: string): string => derivedId(`${sightingId}/${objectId}`);

/** The same key always gives the same id, shaped like any other id of the API. */
export function derivedId(key: string): string {
  const hex = createHash('sha256').update(key).digest('hex');
  // Laid out as a version-8 (custom) RFC 9562 UUID.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
