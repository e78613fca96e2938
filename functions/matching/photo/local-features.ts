// ORB keypoints and binary descriptors of a greyscale image, packed compactly enough to store in a table item.
import { createRequire } from 'node:module';
import type * as OpenCv from '@techstark/opencv-js';

/** Keypoints of one image at the working size: positions and 256-bit ORB descriptors, base64-packed. */
export interface LocalFeatures {
  width: number;
  height: number;
  /** Uint16 pairs (x, y) in eighths of a pixel, little-endian. */
  points: string;
  /** 32 bytes per keypoint, in the order of `points`. */
  descriptors: string;
}

export interface GreyImage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

export const maxKeypoints = 500;
export const descriptorBytes = 32;
const subpixel = 8;

type Cv = typeof OpenCv;
let openCv: Promise<{ cv: Cv }> | undefined;

// The wasm build is 11 MB and takes a third of a second to start: load it once, and only where features are made.
// Required, not imported: it is a CommonJS script, and vitest's module runner stalls transforming a file that size.
function loadOpenCv(): Promise<{ cv: Cv }> {
  openCv ??= new Promise((resolve) => {
    const cv = createRequire(import.meta.url)('@techstark/opencv-js') as Cv & { Mat?: unknown; onRuntimeInitialized?: () => void };
    // Resolved wrapped: the module object is thenable and a promise would try to unwrap it.
    if (cv.Mat !== undefined) resolve({ cv });
    else cv.onRuntimeInitialized = () => resolve({ cv });
  });
  return openCv;
}

export async function detectFeatures(image: GreyImage, keypoints = maxKeypoints): Promise<LocalFeatures> {
  const { cv } = await loadOpenCv();
  const mat = new cv.Mat(image.height, image.width, cv.CV_8UC1);
  const noMask = new cv.Mat();
  const found = new cv.KeyPointVector();
  const descriptors = new cv.Mat();
  const orb = new cv.ORB(keypoints);
  try {
    mat.data.set(image.pixels);
    orb.detectAndCompute(mat, noMask, found, descriptors);
    const count = Math.min(found.size(), descriptors.rows);
    const points = new Uint16Array(count * 2);
    for (let i = 0; i < count; i++) {
      const { pt } = found.get(i);
      points[i * 2] = Math.round(pt.x * subpixel);
      points[i * 2 + 1] = Math.round(pt.y * subpixel);
    }
    return {
      width: image.width,
      height: image.height,
      points: Buffer.from(points.buffer).toString('base64'),
      descriptors: Buffer.from(descriptors.data.subarray(0, count * descriptorBytes)).toString('base64'),
    };
  } finally {
    for (const owned of [mat, noMask, found, descriptors, orb]) owned.delete();
  }
}

/** Unpacked for matching: coordinates in pixels and descriptors as 8 words each. */
export interface UnpackedFeatures {
  count: number;
  x: Float32Array;
  y: Float32Array;
  words: Uint32Array;
}

export function unpackFeatures(features: LocalFeatures): UnpackedFeatures {
  const pointBytes = Buffer.from(features.points, 'base64');
  const points = new Uint16Array(pointBytes.buffer.slice(pointBytes.byteOffset, pointBytes.byteOffset + pointBytes.byteLength));
  const descriptorBuffer = Buffer.from(features.descriptors, 'base64');
  const count = Math.min(points.length / 2, descriptorBuffer.length / descriptorBytes);
  const x = new Float32Array(count);
  const y = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    x[i] = (points[i * 2] as number) / subpixel;
    y[i] = (points[i * 2 + 1] as number) / subpixel;
  }
  const words = new Uint32Array(descriptorBuffer.buffer.slice(descriptorBuffer.byteOffset, descriptorBuffer.byteOffset + count * descriptorBytes));
  return { count, x, y, words };
}
