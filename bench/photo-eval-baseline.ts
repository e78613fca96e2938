// The exhaustive local-feature baseline of the photo bench: OpenCV AKAZE keypoints of every photo (the project's
// OpenCV build has no SIFT), ratio test and a RANSAC homography against every registered photo; run in a worker
// thread beside the project's own search.
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import sharp from 'sharp';
import type * as OpenCv from '@techstark/opencv-js';

export interface BaselineJob {
  gallery: { id: string; path: string }[];
  queries: { id: string; path: string }[];
}

export interface BaselineAnswer {
  query: string;
  best: string | undefined;
  inliers: number;
}

// Photos are described at 640 px on the long side, about the resolution the field photos come at.
const side = 640;
// A third of AKAZE's default detector threshold: the default finds only a few dozen keypoints on a small object.
const threshold = 0.0003;
const ratio = 0.75;
const reprojection = 5;

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
  descriptors: OpenCv.Mat;
  count: number;
}

async function describe(cv: Cv, detector: OpenCv.AKAZE, path: string): Promise<Described> {
  const { data, info } = await sharp(path).resize({ width: side, height: side, fit: 'inside' }).greyscale().raw().toBuffer({ resolveWithObject: true });
  const mat = new cv.Mat(info.height, info.width, cv.CV_8UC1);
  mat.data.set(data);
  const keypoints = new cv.KeyPointVector();
  const descriptors = new cv.Mat();
  const noMask = new cv.Mat();
  detector.detectAndCompute(mat, noMask, keypoints, descriptors);
  const count = keypoints.size();
  const points = new Float32Array(count * 2);
  for (let i = 0; i < count; i++) {
    const { pt } = keypoints.get(i);
    points[i * 2] = pt.x;
    points[i * 2 + 1] = pt.y;
  }
  for (const owned of [mat, keypoints, noMask]) owned.delete();
  return { points, descriptors, count };
}

function inliersBetween(cv: Cv, matcher: OpenCv.BFMatcher, query: Described, stored: Described): number {
  if (query.count < 4 || stored.count < 4) return 0;
  const matches = new cv.DMatchVectorVector();
  matcher.knnMatch(query.descriptors, stored.descriptors, matches, 2);
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < matches.size(); i++) {
    const pair = matches.get(i);
    if (pair.size() < 2) continue;
    const [first, second] = [pair.get(0), pair.get(1)];
    if (first.distance < ratio * second.distance) {
      from.push(query.points[first.queryIdx * 2] as number, query.points[first.queryIdx * 2 + 1] as number);
      to.push(stored.points[first.trainIdx * 2] as number, stored.points[first.trainIdx * 2 + 1] as number);
    }
  }
  matches.delete();
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
  const detector = new cv.AKAZE();
  detector.setThreshold(threshold);
  const matcher = new cv.BFMatcher(cv.NORM_HAMMING, false);
  const gallery: (Described & { id: string })[] = [];
  for (const photo of job.gallery) gallery.push({ id: photo.id, ...(await describe(cv, detector, photo.path)) });
  const answers: BaselineAnswer[] = [];
  for (const photo of job.queries) {
    const query = await describe(cv, detector, photo.path);
    let answer: BaselineAnswer = { query: photo.id, best: undefined, inliers: 0 };
    for (const stored of gallery) {
      const inliers = inliersBetween(cv, matcher, query, stored);
      if (inliers > answer.inliers) answer = { query: photo.id, best: stored.id, inliers };
    }
    query.descriptors.delete();
    answers.push(answer);
  }
  return answers;
}

if (parentPort && workerData) parentPort.postMessage(await run(workerData as BaselineJob));
