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
  /** A smaller thumbnail for lists kept on a device (the watch lists): a few kilobytes. */
  smallThumbnail: Buffer;
  /** Of the normalised image. */
  width: number;
  height: number;
  /** Hex SHA-256 of the original bytes. */
  sha256: string;
}

const maxPixels = 50_000_000;
// Police bulletins and old digitisations are often 160-240 px, auction thumbnails less: evidence, if thin (the match
// says so). Under 64 px a photo holds too few keypoints to tell one object from another.
const minShortSide = 64;
// A strip longer than this is no photo of an object, and once fitted in the normalised size it would be under the floor.
const maxElongation = 20;
const notAPhoto = 'the file is not a JPEG, PNG or WebP image';

type PhotoFormat = 'jpeg' | 'png' | 'webp';

const startsWith = (bytes: Uint8Array, signature: number[], at = 0) => signature.every((byte, i) => bytes[at + i] === byte);
const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

/**
 * What the bytes say the file is, whatever name or type it was sent with. Only these three formats ever reach the
 * decoder: libvips would otherwise pick any loader it has by content, and it has librsvg (SVG) and GIF among others.
 */
export function sniffFormat(bytes: Uint8Array): PhotoFormat | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, ...ascii('PNG'), 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'webp';
  return undefined;
}

async function readHeader(bytes: Uint8Array) {
  const sniffed = sniffFormat(bytes);
  if (!sniffed) throw new PhotoRejected(notAPhoto);
  // No pixel limit here: a header read decodes nothing, and the limit would hide the dimensions we report.
  const header = await sharp(bytes, { limitInputPixels: false })
    .metadata()
    .catch(() => {
      throw new PhotoRejected(notAPhoto);
    });
  // The decoder must have read the file as the format its first bytes claim, never as something else.
  if (header.format !== sniffed) throw new PhotoRejected(notAPhoto);
  return header;
}

function assertAcceptable({ width, height }: { width: number; height: number }): void {
  if (width * height > maxPixels) {
    throw new PhotoRejected(`the image is ${width}×${height} pixels, more than the ${maxPixels / 1_000_000}-megapixel limit`);
  }
  if (Math.min(width, height) < minShortSide) {
    throw new PhotoRejected(
      `the image is ${width}×${height} pixels, too small to identify an object: the short side must be at least ${minShortSide} pixels`,
    );
  }
  if (Math.max(width, height) > maxElongation * Math.min(width, height)) {
    throw new PhotoRejected(
      `the image is ${width}×${height} pixels, too narrow to identify an object: the long side may be at most ${maxElongation} times the short side`,
    );
  }
}

// 1280 px on the long side keeps enough detail for keypoint matching and for a person comparing two photos,
// at a tenth of the bytes of a 12-megapixel original: the copies kept in S3 Standard are a third of the bill.
export const normalisedMaxSide = 1280;
export const thumbnailMaxSide = 320;
// 5,000 objects of a watch list must fit in 25 MB on a phone, text included: about 3 KB of JPEG each at this size.
export const smallThumbnailMaxSide = 160;

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

  // Both copies are re-encoded from decoded pixels: nothing after the image data (an appended ZIP or script) and no
  // metadata survive, since sharp writes none unless asked (EXIF with any GPS position from the field, XMP, ICC, comments).
  const thumbnail = await sharp(normalised.data)
    .resize({ width: thumbnailMaxSide, height: thumbnailMaxSide, fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 75, mozjpeg: true })
    .toBuffer();
  const smallThumbnail = await sharp(normalised.data)
    .resize({ width: smallThumbnailMaxSide, height: smallThumbnailMaxSide, fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 60, mozjpeg: true })
    .toBuffer();

  return {
    normalised: normalised.data,
    thumbnail,
    smallThumbnail,
    width: normalised.info.width,
    height: normalised.info.height,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}
