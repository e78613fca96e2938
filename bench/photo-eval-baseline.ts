// The exhaustive local-feature baseline of the photo bench: OpenCV ORB keypoints of every photo (the project's OpenCV
// build has no SIFT), brute-force k=2 Hamming matching with Lowe's ratio test and OpenCV's RANSAC homography against
// every registered photo, ranked by inliers; run in a worker thread beside the project's own search. The k=2 search
// runs in the project's SIMD Hamming kernel: it finds exactly what OpenCV's BFMatcher.knnMatch finds, several
// times faster than the OpenCV.js build, which keeps the baseline inside `npm run bench`.
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import sharp from 'sharp';
import type * as OpenCv from '@techstark/opencv-js';
import { wasm } from '../functions/matching/photo/hamming-match.wasm.ts';
import { kernelFrom, reserveBytes } from '../functions/matching/photo/wasm-kernel.ts';

export interface BaselineJob {
  gallery: { id: string; path: string }[];
  queries: { id: string; path: string }[];
}

export interface BaselineAnswer {
  query: string;
  best: string | undefined;
  inliers: number;
}

// Every photo, registered or field, is described alike: 768 px on the long side and 1,500 ORB keypoints, what the
// project's own query photos get.
const side = 768;
const keypoints = 1500;
const ratio = 0.75;
const reprojection = 5;
const descriptorBytes = 32;
// Keypoints are computed once per photo and kept on disk, so that a second bench run only matches.
const cacheDirectory = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', '.cache', 'photo-baseline');

type Cv = typeof OpenCv;

function loadCv(): Promise<{ cv: Cv }> {
  return new Promise((resolve) => {
    const cv = createRequire(import.meta.url)('@techstark/opencv-js') as Cv & { Mat?: unknown; onRuntimeInitialized?: () => void };
    if (cv.Mat !== undefined) resolve({ cv });
    else cv.onRuntimeInitialized = () => resolve({ cv });
  });
}

interface Described {
  points: Float32Array;
  descriptors: Uint8Array;
  count: number;
}

const kernel = kernelFrom<{
  matchBothWays(queries: number, queryCount: number, candidates: number, candidateCount: number, rows: number, columns: number): void;
}>(wasm)();

/** Per query keypoint: its nearest registered keypoint, that distance and the second-nearest distance. */
function nearestTwo(query: Described, stored: Described): Int32Array {
  const storedAt = query.count * descriptorBytes;
  const rowsAt = storedAt + stored.count * descriptorBytes;
  const columnsAt = rowsAt + query.count * 12;
  reserveBytes(kernel.memory, columnsAt + stored.count * 8);
  const { buffer } = kernel.memory;
  new Uint8Array(buffer, 0, query.descriptors.length).set(query.descriptors);
  new Uint8Array(buffer, storedAt, stored.descriptors.length).set(stored.descriptors);
  const columns = new Int32Array(buffer, columnsAt, stored.count * 2);
  for (let c = 0; c < stored.count; c++) columns.set([-1, 65535], c * 2);
  kernel.matchBothWays(0, query.count, storedAt, stored.count, rowsAt, columnsAt);
  return new Int32Array(buffer, rowsAt, query.count * 3);
}

async function detect(cv: Cv, detector: OpenCv.ORB, bytes: Buffer): Promise<{ points: Float32Array; descriptors: Uint8Array }> {
  const { data, info } = await sharp(bytes).autoOrient().resize({ width: side, height: side, fit: 'inside' }).greyscale().raw().toBuffer({ resolveWithObject: true });
  const mat = new cv.Mat(info.height, info.width, cv.CV_8UC1);
  const noMask = new cv.Mat();
  const found = new cv.KeyPointVector();
  const descriptors = new cv.Mat();
  try {
    mat.data.set(data);
    detector.detectAndCompute(mat, noMask, found, descriptors);
    const count = Math.min(found.size(), descriptors.rows);
    const points = new Float32Array(count * 2);
    for (let i = 0; i < count; i++) {
      const { pt } = found.get(i);
      points[i * 2] = pt.x;
      points[i * 2 + 1] = pt.y;
    }
    return { points, descriptors: descriptors.data.slice(0, count * descriptorBytes) };
  } finally {
    for (const owned of [mat, noMask, found, descriptors]) owned.delete();
  }
}

/** Cached as: count (u32), points (count × 2 f32), descriptors (count × 32 bytes). */
async function describe(cv: Cv, detector: OpenCv.ORB, path: string): Promise<Described> {
  const bytes = await readFile(path);
  const cached = join(cacheDirectory, `${createHash('sha256').update(bytes).update(`orb ${side} ${keypoints}`).digest('hex')}.bin`);
  let points: Float32Array;
  let descriptorBytesOf: Uint8Array;
  try {
    const stored = await readFile(cached);
    const count = stored.readUInt32LE(0);
    points = new Float32Array(stored.buffer.slice(stored.byteOffset + 4, stored.byteOffset + 4 + count * 8));
    descriptorBytesOf = stored.subarray(4 + count * 8, 4 + count * 8 + count * descriptorBytes);
  } catch {
    ({ points, descriptors: descriptorBytesOf } = await detect(cv, detector, bytes));
    const header = Buffer.alloc(4);
    header.writeUInt32LE(points.length / 2);
    await mkdir(cacheDirectory, { recursive: true });
    await writeFile(cached, Buffer.concat([header, Buffer.from(points.buffer), descriptorBytesOf]));
  }
  return { points, descriptors: descriptorBytesOf, count: points.length / 2 };
}

function inliersBetween(cv: Cv, query: Described, stored: Described): number {
  if (query.count < 4 || stored.count < 2) return 0;
  const rows = nearestTwo(query, stored);
  const from: number[] = [];
  const to: number[] = [];
  for (let q = 0; q < query.count; q++) {
    const [nearest, first, second] = [rows[q * 3] as number, rows[q * 3 + 1] as number, rows[q * 3 + 2] as number];
    if (nearest >= 0 && first < ratio * second) {
      from.push(query.points[q * 2] as number, query.points[q * 2 + 1] as number);
      to.push(stored.points[nearest * 2] as number, stored.points[nearest * 2 + 1] as number);
    }
  }
  if (from.length < 8) return 0;
  const source = cv.matFromArray(from.length / 2, 1, cv.CV_32FC2, from);
  const target = cv.matFromArray(to.length / 2, 1, cv.CV_32FC2, to);
  const mask = new cv.Mat();
  const homography = cv.findHomography(source, target, cv.RANSAC, reprojection, mask);
  let inliers = 0;
  if (!homography.empty()) for (let i = 0; i < mask.rows; i++) inliers += mask.data[i] ? 1 : 0;
  for (const owned of [source, target, mask, homography]) owned.delete();
  return inliers;
}

async function run(job: BaselineJob): Promise<BaselineAnswer[]> {
  const { cv } = await loadCv();
  const detector = new cv.ORB(keypoints);
  const gallery: (Described & { id: string })[] = [];
  for (const photo of job.gallery) gallery.push({ id: photo.id, ...(await describe(cv, detector, photo.path)) });
  const answers: BaselineAnswer[] = [];
  for (const photo of job.queries) {
    const query = await describe(cv, detector, photo.path);
    let answer: BaselineAnswer = { query: photo.id, best: undefined, inliers: 0 };
    for (const stored of gallery) {
      const inliers = inliersBetween(cv, query, stored);
      if (inliers > answer.inliers) answer = { query: photo.id, best: stored.id, inliers };
    }
    answers.push(answer);
  }
  return answers;
}

if (parentPort && workerData) parentPort.postMessage(await run(workerData as BaselineJob));
