// Checks that two photos show the same thing: keypoint matches that one rotation, scale and shift explain together.
import type { Reason } from '../model.ts';
import { inlierEvidence } from './calibration.ts';
import type { PhotoFingerprint } from './fingerprint.ts';
import { wasm } from './hamming-match.wasm.ts';
import { descriptorBytes, unpackFeatures, type LocalFeatures, type UnpackedFeatures } from './local-features.ts';
import { kernelFrom, reserveBytes } from './wasm-kernel.ts';

export interface Verification {
  /** Keypoint matches consistent with one similarity transform. */
  inliers: number;
  mirrored: boolean;
  /** Where the inliers lie on the query photo, in its working-size pixels (unmirrored): where the object was found. */
  queryPoints: { x: number; y: number }[];
  reason: Reason;
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

/** RANSAC over similarity transforms (two matches fix one): the largest set of matches one transform explains. */
function consistentMatches(pairs: Pair[], query: UnpackedFeatures, candidate: UnpackedFeatures): Pair[] {
  if (pairs.length < 3) return [];
  const random = sampler(pairs.length * 7919);
  let best = 0;
  // Which pairs this iteration's transform explains, and which the best one did.
  const explained = new Uint8Array(pairs.length);
  const bestExplained = new Uint8Array(pairs.length);
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
    let inliers = 0;
    for (let p = 0; p < pairs.length; p++) {
      const pair = pairs[p] as Pair;
      const x = query.x[pair.query] as number;
      const y = query.y[pair.query] as number;
      const dx = re * x - im * y + tx - (candidate.x[pair.candidate] as number);
      const dy = im * x + re * y + ty - (candidate.y[pair.candidate] as number);
      const inside = dx * dx + dy * dy <= tolerance * tolerance;
      explained[p] = inside ? 1 : 0;
      if (inside) inliers++;
    }
    if (inliers > best) {
      best = inliers;
      bestExplained.set(explained);
    }
    if (best === pairs.length) break;
  }
  return pairs.filter((_, p) => bestExplained[p] === 1);
}

// A query is verified against a whole shortlist: unpack its features once, not once per candidate.
const unpackedQueries = new WeakMap<LocalFeatures, UnpackedFeatures>();

/** The query-side positions of the consistent matches. */
function inliersBetween(query: LocalFeatures, candidate: UnpackedFeatures): { x: number; y: number }[] {
  let unpacked = unpackedQueries.get(query);
  if (!unpacked) {
    unpacked = unpackFeatures(query);
    unpackedQueries.set(query, unpacked);
  }
  const { x, y } = unpacked;
  return consistentMatches(matchDescriptors(unpacked, candidate), unpacked, candidate).map((pair) => ({ x: x[pair.query] as number, y: y[pair.query] as number }));
}

// Beyond this many, the photo score is saturated: the mirror image could not change the verdict.
const conclusive = 60;

export function verifyMatch(query: PhotoFingerprint, candidate: Pick<PhotoFingerprint, 'local'>): Verification {
  const stored = unpackFeatures(candidate.local);
  const direct = inliersBetween(query.local, stored);
  const flipped = query.mirrored && direct.length < conclusive ? inliersBetween(query.mirrored, stored) : [];
  const mirrored = flipped.length > direct.length;
  const inliers = Math.max(direct.length, flipped.length);
  const width = query.local.width;
  return {
    inliers,
    mirrored,
    queryPoints: mirrored ? flipped.map((point) => ({ x: width - 1 - point.x, y: point.y })) : direct,
    reason: {
      field: 'photo',
      detail: `photo: ${inliers} geometrically consistent keypoints${mirrored ? ' (mirror image)' : ''}`,
      contribution: inlierEvidence(inliers),
    },
  };
}
