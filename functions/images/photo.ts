// Turns an uploaded photo into a clean normalised JPEG and a thumbnail, or says why the photo is refused.
import { createHash } from 'node:crypto';
import sharp from 'sharp';

export class PhotoRejected extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'PhotoRejected';
  }
}

export interface NormalisedPhoto {
  normalised: Buffer;
  thumbnail: Buffer;
  /** Of the normalised image. */
  width: number;
  height: number;
  /** Hex SHA-256 of the original bytes. */
  sha256: string;
}

const maxPixels = 50_000_000;
const minShortSide = 200;
const acceptedFormats = new Set(['jpeg', 'png', 'webp']);

async function readHeader(bytes: Uint8Array) {
  try {
    // No pixel limit here: a header read decodes nothing, and the limit would hide the dimensions we report.
    return await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw new PhotoRejected('the file is not a JPEG, PNG or WebP image');
  }
}

function assertAcceptable({ format, width, height }: { format: string; width: number; height: number }): void {
  if (!acceptedFormats.has(format)) throw new PhotoRejected('the file is not a JPEG, PNG or WebP image');
  if (width * height > maxPixels) {
    throw new PhotoRejected(`the image is ${width}×${height} pixels, more than the ${maxPixels / 1_000_000}-megapixel limit`);
  }
  if (Math.min(width, height) < minShortSide) {
    throw new PhotoRejected(
      `the image is ${width}×${height} pixels, too small to identify an object: the short side must be at least ${minShortSide} pixels`,
    );
  }
}

// 1280 px on the long side keeps enough detail for keypoint matching and for a person comparing two photos,
// at a tenth of the bytes of a 12-megapixel original: the copies kept in S3 Standard are a third of the bill.
export const normalisedMaxSide = 1280;
export const thumbnailMaxSide = 320;

export async function normalisePhoto(bytes: Uint8Array): Promise<NormalisedPhoto> {
  const header = await readHeader(bytes);
  assertAcceptable(header);

  // Only the first frame of an animation is decoded (sharp's default of one page).
  const normalised = await sharp(bytes, { limitInputPixels: maxPixels, failOn: 'error' })
    .autoOrient()
    .toColourspace('srgb')
    // Cut-out catalogue photos are often transparent; JPEG would otherwise turn the background black.
    .flatten({ background: '#ffffff' })
    .resize({ width: normalisedMaxSide, height: normalisedMaxSide, fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 82, mozjpeg: true })
    .toBuffer({ resolveWithObject: true })
    .catch(() => {
      throw new PhotoRejected('the image data is damaged or incomplete and could not be read');
    });

  // Sharp writes no metadata unless asked, so EXIF (with any GPS position from the field) is gone from both outputs.
  const thumbnail = await sharp(normalised.data)
    .resize({ width: thumbnailMaxSide, height: thumbnailMaxSide, fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 75, mozjpeg: true })
    .toBuffer();

  return {
    normalised: normalised.data,
    thumbnail,
    width: normalised.info.width,
    height: normalised.info.height,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}
