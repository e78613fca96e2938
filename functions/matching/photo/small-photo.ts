// Says how little a small query photo shows: a police bulletin or a thumbnail is evidence, but thin evidence.
import type { Reason } from '../model.ts';
import type { PhotoFingerprint } from './fingerprint.ts';

/** Under this many pixels on its short side a query photo holds a fraction of the keypoints of a phone's photo. */
export const smallShortSide = 240;

/** Each keypoint is two 16-bit coordinates. */
const keypointsOf = (query: PhotoFingerprint) => Buffer.byteLength(query.local.points, 'base64') / 4;

/** The photo evidence of a small query photo, marked limited and saying how small it was. */
export function noteSmallPhoto(reason: Reason, query: PhotoFingerprint): Reason {
  const size = query.photo;
  if (!size || Math.min(size.width, size.height) >= smallShortSide) return reason;
  return { ...reason, detail: `${reason.detail}; small photo: ${size.width}×${size.height} px, ${keypointsOf(query)} keypoints`, limited: true };
}
