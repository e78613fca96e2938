// Computes what photo matching needs to know of one photo, once: the shortlist descriptor and the local features.
import sharp from 'sharp';
import { globalDescriptor } from './global-descriptor.ts';
import { detectFeatures, maxKeypoints, type GreyImage, type LocalFeatures } from './local-features.ts';

/** JSON-serialisable, about 25 KB: stored beside the image. */
export interface PhotoFingerprint {
  version: 1;
  /** 64 signed bytes; see global-descriptor.ts. */
  global: number[];
  local: LocalFeatures;
  /** Features of the mirror image, only for query photos: stored images are never mirrored. */
  mirrored?: LocalFeatures;
  /**
   * Global descriptors of tighter windows (central ones, and the block of the photo unlike its border), only for
   * query photos: on a catalogue page or a new background the object fills less of the frame than in the museum's
   * photo, and a tighter window sees it as the museum did. The shortlist ranks by the best of them.
   */
  alternates?: number[][];
  /** The size of a query photo as normalised: a small one is thin evidence, and its matches say so. */
  photo?: { width: number; height: number };
}

/** Sides of the central windows described for a query, as shares of the photo's sides. */
const alternateWindows = [0.7, 0.5];

// Keypoints of a registered photo are found at 512 px, where the museum's photo shows the object whole. A field
// photo shows it smaller, a third of the frame among other things: it is read at a finer size and with more keypoints,
// so that the object still gets hundreds of its own, whatever the clutter takes.
export const workingSide = 512;
const queryWorkingSide = 768;
const queryKeypoints = 1500;
const descriptorSide = 128;

async function greyAt(bytes: Uint8Array, side: number): Promise<GreyImage> {
  const { data, info } = await sharp(bytes)
    .autoOrient()
    .resize({ width: side, height: side, fit: 'inside' })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, pixels: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

function mirror(image: GreyImage): GreyImage {
  const pixels = new Uint8Array(image.pixels.length);
  for (let y = 0; y < image.height; y++) {
    const row = y * image.width;
    for (let x = 0; x < image.width; x++) pixels[row + x] = image.pixels[row + image.width - 1 - x] as number;
  }
  return { ...image, pixels };
}

interface Window {
  left: number;
  top: number;
  width: number;
  height: number;
}

type RawColour = { data: Buffer; info: { width: number; height: number; channels: number } };

const cellSide = 8;

/**
 * The bounding box of the largest solid block of cells unlike the photo's border: a reproduction pasted on a page or
 * an object on a plain table. Thin printed lines fill too little of a cell to count. Undefined when the block is
 * most of the photo anyway.
 */
function contentWindow(colour: RawColour): Window | undefined {
  const { width, height, channels } = colour.info;
  const pixels = colour.data;
  const border: number[][] = [[], [], []];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (x >= 3 && y >= 3 && x < width - 3 && y < height - 3) continue;
      const i = (y * width + x) * channels;
      for (let c = 0; c < 3; c++) (border[c] as number[]).push(pixels[i + c] as number);
    }
  }
  const background = border.map((values) => values.sort((a, b) => a - b)[values.length >> 1] as number);
  const columns = Math.floor(width / cellSide);
  const cellRows = Math.floor(height / cellSide);
  const solid = new Uint8Array(columns * cellRows);
  for (let cy = 0; cy < cellRows; cy++) {
    for (let cx = 0; cx < columns; cx++) {
      let unlike = 0;
      for (let y = cy * cellSide; y < (cy + 1) * cellSide; y++) {
        for (let x = cx * cellSide; x < (cx + 1) * cellSide; x++) {
          const i = (y * width + x) * channels;
          const distance =
            Math.abs((pixels[i] as number) - (background[0] as number)) +
            Math.abs((pixels[i + 1] as number) - (background[1] as number)) +
            Math.abs((pixels[i + 2] as number) - (background[2] as number));
          if (distance > 40) unlike++;
        }
      }
      solid[cy * columns + cx] = unlike > cellSide * cellSide * 0.6 ? 1 : 0;
    }
  }
  // Largest 4-connected component of solid cells.
  const seen = new Uint8Array(solid.length);
  let bestBox: Window | undefined;
  let bestSize = 0;
  for (let start = 0; start < solid.length; start++) {
    if (!solid[start] || seen[start]) continue;
    const stack = [start];
    seen[start] = 1;
    let size = 0;
    let [minX, minY, maxX, maxY] = [columns, cellRows, -1, -1];
    while (stack.length > 0) {
      const cell = stack.pop() as number;
      const cx = cell % columns;
      const cy = (cell - cx) / columns;
      size++;
      minX = Math.min(minX, cx);
      maxX = Math.max(maxX, cx);
      minY = Math.min(minY, cy);
      maxY = Math.max(maxY, cy);
      for (const next of [cx > 0 ? cell - 1 : -1, cx < columns - 1 ? cell + 1 : -1, cy > 0 ? cell - columns : -1, cy < cellRows - 1 ? cell + columns : -1]) {
        if (next >= 0 && solid[next] && !seen[next]) {
          seen[next] = 1;
          stack.push(next);
        }
      }
    }
    if (size > bestSize) {
      bestSize = size;
      bestBox = { left: minX * cellSide, top: minY * cellSide, width: (maxX - minX + 1) * cellSide, height: (maxY - minY + 1) * cellSide };
    }
  }
  if (!bestBox || bestSize < 6) return undefined;
  if (bestBox.width * bestBox.height > 0.8 * width * height) return undefined;
  return bestBox;
}

function centralWindow(colour: RawColour, share: number): Window {
  const { width, height } = colour.info;
  const cropWidth = Math.max(cellSide, Math.round(width * share));
  const cropHeight = Math.max(cellSide, Math.round(height * share));
  return { left: (width - cropWidth) >> 1, top: (height - cropHeight) >> 1, width: cropWidth, height: cropHeight };
}

async function alternateDescriptors(colour: RawColour): Promise<number[][]> {
  const { width, height, channels } = colour.info;
  const content = contentWindow(colour);
  const windows = [...alternateWindows.map((share) => centralWindow(colour, share)), ...(content ? [content] : [])];
  return Promise.all(
    windows.map(async (window) => {
      const cropped = sharp(colour.data, { raw: { width, height, channels: channels as 3 } })
        .extract(window)
        .resize({ width: descriptorSide, height: descriptorSide, fit: 'inside' });
      const [rgb, grey] = await Promise.all([
        cropped.clone().raw().toBuffer({ resolveWithObject: true }),
        cropped.clone().greyscale().raw().toBuffer({ resolveWithObject: true }),
      ]);
      const greyImage: GreyImage = { width: grey.info.width, height: grey.info.height, pixels: new Uint8Array(grey.data.buffer, grey.data.byteOffset, grey.data.length) };
      return Array.from(globalDescriptor({ width: rgb.info.width, height: rgb.info.height, pixels: rgb.data }, greyImage));
    }),
  );
}

export async function fingerprintPhoto(bytes: Uint8Array, options: { query?: boolean } = {}): Promise<PhotoFingerprint> {
  const [working, small, colour] = await Promise.all([
    greyAt(bytes, options.query ? queryWorkingSide : workingSide),
    greyAt(bytes, descriptorSide),
    sharp(bytes)
      .autoOrient()
      .resize({ width: descriptorSide, height: descriptorSide, fit: 'inside' })
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true }),
  ]);
  const global = Array.from(
    globalDescriptor({ width: colour.info.width, height: colour.info.height, pixels: colour.data }, small),
  );
  const local = await detectFeatures(working, options.query ? queryKeypoints : maxKeypoints);
  if (!options.query) return { version: 1, global, local };
  // Windows are cut from a larger decode, so that each is described at the same resolution as the whole photo.
  const large = await sharp(bytes)
    .autoOrient()
    .resize({ width: descriptorSide * 2, height: descriptorSide * 2, fit: 'inside' })
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const [mirrored, alternates] = await Promise.all([detectFeatures(mirror(working), queryKeypoints), alternateDescriptors(large)]);
  return { version: 1, global, local, mirrored, alternates };
}
