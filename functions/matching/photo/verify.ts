// Checks that two photos show the same thing: keypoint matches that one rotation, scale and shift explain together.
import type { Reason } from '../model.ts';
import { inlierEvidence } from './calibration.ts';
import type { PhotoFingerprint } from './fingerprint.ts';
import { wasm } from './hamming-match.wasm.ts';
import { descriptorBytes, unpackFeatures, type LocalFeatures, type UnpackedFeatures } from './local-features.ts';
import { kernelFrom, reserveBytes } from './wasm-kernel.ts';

export interface Verification {
  /** Keypoint matches consistent with one similarity transform, not counting those on content shared by many photos. */
  inliers: number;
  mirrored: boolean;
  /** Where the consistent keypoints lie on the query photo, in pixels of a photo `width` × `height` (the working size). */
  queryPoints: { width: number; height: number; points: [number, number][] };
  reason: Reason;
}

/** Per query keypoint (and per keypoint of its mirror image), 1 if it may count as evidence, 0 if not. */
export interface EvidenceMasks {
  local?: Uint8Array;
  mirrored?: Uint8Array;
}

const ratio = 0.8;
const maxDistance = 80;
const iterations = 400;
// In working-size pixels (512 on the long side): loose enough for JPEG noise and keypoint jitter across scales.
const tolerance = 6;

const kernel = kernelFrom<{
  matchBothWays(queries: number, queryCount: number, candidates: number, candidateCount: number, rows: number, columns: number): void;
}>(wasm)();

interface Pair {
  query: number;
  candidate: number;
}

/** Ratio test both ways and cross-check: a pair survives only if each keypoint is the other's clear best match. */
function matchDescriptors(query: UnpackedFeatures, candidate: UnpackedFeatures): Pair[] {
  const { count: qn } = query;
  const { count: cn } = candidate;
  // In the kernel's memory: query descriptors | candidate descriptors | 3 numbers per query keypoint | 2 per candidate's.
  const candidatesAt = qn * descriptorBytes;
  const rowsAt = candidatesAt + cn * descriptorBytes;
  const columnsAt = rowsAt + qn * 12;
  reserveBytes(kernel.memory, columnsAt + cn * 8);
  const { buffer } = kernel.memory;
  new Uint32Array(buffer, 0, query.words.length).set(query.words);
  new Uint32Array(buffer, candidatesAt, candidate.words.length).set(candidate.words);
  const columns = new Int32Array(buffer, columnsAt, cn * 2);
  for (let c = 0; c < cn; c++) {
    columns[c * 2] = -1;
    columns[c * 2 + 1] = 65535;
  }
  kernel.matchBothWays(0, qn, candidatesAt, cn, rowsAt, columnsAt);
  const rows = new Int32Array(buffer, rowsAt, qn * 3);
  const pairs: Pair[] = [];
  for (let q = 0; q < qn; q++) {
    const [c, distance, second] = [rows[q * 3] as number, rows[q * 3 + 1] as number, rows[q * 3 + 2] as number];
    if (c < 0 || columns[c * 2] !== q) continue;
    if (distance <= maxDistance && distance < ratio * second) pairs.push({ query: q, candidate: c });
  }
  return pairs;
}

/** A deterministic generator, so that a verification is reproducible. */
function sampler(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

interface Consensus {
  /** Inliers that count as evidence. */
  counted: number;
  /** Query keypoints of all inliers. */
  queryKeypoints: number[];
}

/**
 * RANSAC over similarity transforms (two matches fix one): the set of matches one transform explains that holds the
 * most keypoints counting as evidence.
 */
function consistentMatches(pairs: Pair[], query: UnpackedFeatures, candidate: UnpackedFeatures, mask: Uint8Array | undefined): Consensus {
  const none: Consensus = { counted: 0, queryKeypoints: [] };
  if (pairs.length < 3) return none;
  const random = sampler(pairs.length * 7919);
  const counts = (pair: Pair) => (mask ? (mask[pair.query] ?? 1) : 1);
  let best = none;
  let bestTransform: [number, number, number, number] | undefined;
  for (let iteration = 0; iteration < iterations; iteration++) {
    const a = pairs[Math.floor(random() * pairs.length)] as Pair;
    const b = pairs[Math.floor(random() * pairs.length)] as Pair;
    const qx = (query.x[b.query] as number) - (query.x[a.query] as number);
    const qy = (query.y[b.query] as number) - (query.y[a.query] as number);
    const cx = (candidate.x[b.candidate] as number) - (candidate.x[a.candidate] as number);
    const cy = (candidate.y[b.candidate] as number) - (candidate.y[a.candidate] as number);
    const length = qx * qx + qy * qy;
    if (length < 100) continue;
    // Complex division: the rotation-and-scale taking the query segment onto the candidate's.
    const re = (cx * qx + cy * qy) / length;
    const im = (cy * qx - cx * qy) / length;
    const scale = Math.hypot(re, im);
    if (scale < 0.2 || scale > 5) continue;
    const tx = (candidate.x[a.candidate] as number) - (re * (query.x[a.query] as number) - im * (query.y[a.query] as number));
    const ty = (candidate.y[a.candidate] as number) - (im * (query.x[a.query] as number) + re * (query.y[a.query] as number));
    let counted = 0;
    for (const pair of pairs) {
      const x = query.x[pair.query] as number;
      const y = query.y[pair.query] as number;
      const dx = re * x - im * y + tx - (candidate.x[pair.candidate] as number);
      const dy = im * x + re * y + ty - (candidate.y[pair.candidate] as number);
      if (dx * dx + dy * dy <= tolerance * tolerance) counted += counts(pair);
    }
    if (counted > best.counted) {
      best = { counted, queryKeypoints: [] };
      bestTransform = [re, im, tx, ty];
    }
    if (counted === pairs.length) break;
  }
  if (bestTransform) {
    const [re, im, tx, ty] = bestTransform;
    for (const pair of pairs) {
      const x = query.x[pair.query] as number;
      const y = query.y[pair.query] as number;
      const dx = re * x - im * y + tx - (candidate.x[pair.candidate] as number);
      const dy = im * x + re * y + ty - (candidate.y[pair.candidate] as number);
      if (dx * dx + dy * dy <= tolerance * tolerance) best.queryKeypoints.push(pair.query);
    }
  }
  return best;
}

// A query is verified against a whole shortlist: unpack its features once, not once per candidate.
const unpackedQueries = new WeakMap<LocalFeatures, UnpackedFeatures>();

function unpackedQuery(query: LocalFeatures): UnpackedFeatures {
  let unpacked = unpackedQueries.get(query);
  if (!unpacked) {
    unpacked = unpackFeatures(query);
    unpackedQueries.set(query, unpacked);
  }
  return unpacked;
}

function inliersBetween(query: LocalFeatures, candidate: UnpackedFeatures, mask: Uint8Array | undefined): Consensus {
  const unpacked = unpackedQuery(query);
  return consistentMatches(matchDescriptors(unpacked, candidate), unpacked, candidate, mask);
}

// Beyond this many, the photo score is saturated: the mirror image could not change the verdict.
const conclusive = 60;

export function verifyMatch(query: PhotoFingerprint, candidate: Pick<PhotoFingerprint, 'local'>, masks: EvidenceMasks = {}): Verification {
  const stored = unpackFeatures(candidate.local);
  const direct = inliersBetween(query.local, stored, masks.local);
  const reflected = query.mirrored && direct.counted < conclusive ? inliersBetween(query.mirrored, stored, masks.mirrored) : undefined;
  const mirrored = reflected !== undefined && reflected.counted > direct.counted;
  const best = mirrored ? (reflected as Consensus) : direct;
  const inliers = best.counted;
  const features = mirrored ? (query.mirrored as LocalFeatures) : query.local;
  const unpacked = unpackedQuery(features);
  // The mirror image's keypoints are flipped back onto the photo as it was taken.
  const points = best.queryKeypoints.map((k): [number, number] => [mirrored ? features.width - (unpacked.x[k] as number) : (unpacked.x[k] as number), unpacked.y[k] as number]);
  return {
    inliers,
    mirrored,
    queryPoints: { width: query.local.width, height: query.local.height, points },
    reason: {
      field: 'photo',
      detail: `photo: ${inliers} geometrically consistent keypoints${mirrored ? ' (mirror image)' : ''}`,
      contribution: inlierEvidence(inliers),
    },
  };
}
