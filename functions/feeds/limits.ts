// The bounds of market screening: what one feed, lot or run may cost.
import { bucket } from '../../infra/resources.ts';

/** A feed of some thousands of lots is a few megabytes; anything larger is refused rather than read. */
export const maxFeedBytes = 10 * 1024 * 1024;
/** An image is held to the limit of a photo uploaded by hand. */
export const maxImageBytes = bucket.maxUploadBytes;
/** Images downloaded per lot: a catalogue's first few photos show the object; the rest are details. */
export const maxImagesPerLot = 5;
/** Each request (a hop of a redirect included) must answer within this. */
export const requestTimeoutMs = 10_000;
export const maxRedirects = 3;
/** Each feed has a schedule of its own: a bound keeps one organisation from making thousands. */
export const maxFeedsPerOrg = 50;
/** GET /v1/feeds/{id} shows this many runs, each with this many of its errors. */
export const runsShown = 5;
export const errorsShown = 20;
/** A feed that has not been read for this long shows as failing. */
export const failingAfterMs = 24 * 3600 * 1000;
