// Where on the query photo the object was found: a box around the keypoints that verification found consistent.

/** In shares of the photo's width and height (0..1), from its top-left corner. */
export interface MatchedRegion {
  x: number;
  y: number;
  width: number;
  height: number;
}

// Fewer points than this outline nothing reliable.
const minimumPoints = 4;
// A stray inlier or two (a repeated pattern the transform happens to explain) must not stretch the box across the
// photo: its edges are read at these quantiles of the points, not at their extremes.
const lowQuantile = 0.05;
const highQuantile = 0.95;
// Keypoints sit inside the object, a patch's radius or more from its outline: the box is widened by this share of
// its side on each edge.
const margin = 0.08;

function quantile(sorted: Float64Array, share: number): number {
  const at = (sorted.length - 1) * share;
  const below = Math.floor(at);
  const above = Math.min(below + 1, sorted.length - 1);
  return (sorted[below] as number) + ((sorted[above] as number) - (sorted[below] as number)) * (at - below);
}

/** Low and high edge on one axis, as shares of the side, widened and kept within the photo. */
function span(values: Float64Array, side: number): [number, number] {
  const sorted = values.sort();
  const low = quantile(sorted, lowQuantile);
  const high = quantile(sorted, highQuantile);
  const pad = (high - low) * margin;
  return [Math.max(0, (low - pad) / side), Math.min(1, (high + pad) / side)];
}

const rounded = (share: number) => Math.round(share * 1000) / 1000;

/** The region, or undefined when there are too few points or the photo has no size. */
export function matchedRegion(points: readonly { x: number; y: number }[], photo: { width: number; height: number }): MatchedRegion | undefined {
  if (points.length < minimumPoints || photo.width <= 0 || photo.height <= 0) return undefined;
  const [left, right] = span(Float64Array.from(points, (point) => point.x), photo.width);
  const [top, bottom] = span(Float64Array.from(points, (point) => point.y), photo.height);
  return { x: rounded(left), y: rounded(top), width: rounded(right - left), height: rounded(bottom - top) };
}
