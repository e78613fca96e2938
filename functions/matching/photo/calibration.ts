// Turns shortlist similarity and verified keypoints into one 0..1 photo score, and says where an alert starts.

// Unrelated photos rarely explain more than a dozen matches with one transform, and a true match of even a small,
// recompressed catalogue reproduction explains forty or more: the evidence rises steeply between the two.
const chanceInliers = 8;
const inlierScale = 15;

/** 0..1: how strongly this many geometrically consistent keypoints say "same object". */
export function inlierEvidence(inliers: number): number {
  return 1 - Math.exp(-Math.max(0, inliers - chanceInliers) / inlierScale);
}

/**
 * Verification decides; the shortlist similarity (a cosine, -1..1) only orders near ties, and alone can never
 * reach the alert threshold, because overall appearance is shared by too many objects.
 */
export function photoScore(similarity: number, inliers: number | undefined): number {
  const appearance = 0.1 * Math.max(0, similarity);
  return inliers === undefined ? appearance : 0.9 * inlierEvidence(inliers) + appearance;
}

/** Measured by bench/photo.ts: at or above it, false matches on unregistered objects stay under 1%. */
export const photoAlertThreshold = 0.5;
