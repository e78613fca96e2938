// How long an upload link lasts, and when a pending image must be given up as never uploaded.
import type { ImageRecord } from '../objects/model.ts';

export const uploadExpiresInSeconds = 900;
// A file can still be processing a little after its link expires.
const processingAllowanceSeconds = 300;

/** What a caller reads of an image given up as never uploaded (an import resends it on its next run). */
export const uploadNeverArrived = 'no file arrived before the upload link expired';

/** A pending image whose upload link has expired (plus time to process) will never become ready. */
export const uploadExpired = (image: Pick<ImageRecord, 'status' | 'createdAt'>, now: Date) =>
  image.status === 'pending' && now.getTime() - Date.parse(image.createdAt) > (uploadExpiresInSeconds + processingAllowanceSeconds) * 1000;
