// Computes what photo matching needs to know of one photo, once: the shortlist descriptor and the local features.
import sharp from 'sharp';
import { globalDescriptor } from './global-descriptor.ts';
import { detectFeatures, type GreyImage, type LocalFeatures } from './local-features.ts';

/** JSON-serialisable, about 25 KB: stored beside the image. */
export interface PhotoFingerprint {
  version: 1;
  /** 64 signed bytes; see global-descriptor.ts. */
  global: number[];
  local: LocalFeatures;
  /** Features of the mirror image, only for query photos: stored images are never mirrored. */
  mirrored?: LocalFeatures;
}

// Keypoints are found at one size for every photo, so that ORB's scale pyramid only has to bridge the zoom of
// the shot itself; 512 keeps a 480 px field photo near its own resolution.
export const workingSide = 512;
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

export async function fingerprintPhoto(bytes: Uint8Array, options: { query?: boolean } = {}): Promise<PhotoFingerprint> {
  const [working, small, colour] = await Promise.all([
    greyAt(bytes, workingSide),
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
  const local = await detectFeatures(working);
  if (!options.query) return { version: 1, global, local };
  return { version: 1, global, local, mirrored: await detectFeatures(mirror(working)) };
}
