// Turns shortlist similarity and verified keypoints into one 0..1 photo score, and says where an alert starts.

// Unrelated photos rarely explain more than a few matches with one transform (at most 7 for the 218 field photos of
// unregistered objects in ../shared/eval/photos, 12 for our own tuning photos that are not near twins): the evidence
// rises steeply above chance and reaches the alert threshold at about 14, with a margin over both.
const chanceInliers = 8;
const inlierScale = 9;

/** 0..1: how strongly this many geometrically consistent keypoints say "same object". */
export function inlierEvidence(inliers: number): number {
  return 1 - Math.exp(-Math.max(0, inliers - chanceInliers) / inlierScale);
}

/**
 * Verification decides; below chance the keypoint count still orders candidates ahead of overall appearance (a
 * photo with 5 consistent keypoints is likelier the object than a look-alike with 2), and neither alone can ever
 * reach the alert threshold, because overall appearance is shared by too many objects.
 */
export function photoScore(similarity: number, inliers: number | undefined): number {
  const appearance = 0.03 * Math.max(0, similarity);
  if (inliers === undefined) return appearance;
  return 0.9 * inlierEvidence(inliers) + appearance + (0.07 * inliers) / (inliers + chanceInliers);
}

/** At or above it, false matches on unregistered objects stay under 1% (bench/photo-eval.ts, see README "Photo"). */
export const photoAlertThreshold = 0.5;
