import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { normalisePhoto, PhotoRejected, sniffFormat } from '../../../functions/images/photo.ts';
import { animatedWebp, photoJpeg, pixelBomb, solid } from '../../fixtures/photos.ts';

const rejection = (promise: Promise<unknown>) => promise.then(() => expect.fail('the photo was accepted'), (error: unknown) => error);

const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600"><rect width="800" height="600" fill="red"/><script>alert(1)</script></svg>';

/** The marker of every JPEG segment before the image data: APPn (EXIF, XMP, ICC, IPTC) and COM would carry metadata. */
function segmentsBeforeScan(jpeg: Buffer): string[] {
  const markers: string[] = [];
  let at = 2;
  while (jpeg[at] === 0xff && jpeg[at + 1] !== 0xda) {
    markers.push(jpeg[at + 1]!.toString(16));
    at += 2 + jpeg.readUInt16BE(at + 2);
  }
  return markers;
}

/** Quantisation tables, frame header, Huffman tables, restart interval: what pixels need, nothing more. */
const pixelSegments = /^(db|c[0-3]|c4|dd)$/;

/** A JPEG comment segment (COM) holding `text`, put straight after the start-of-image marker. */
function withComment(jpeg: Buffer, text: string): Buffer {
  const comment = Buffer.from(text);
  const header = Buffer.from([0xff, 0xfe, 0, 0]);
  header.writeUInt16BE(comment.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), header, comment, jpeg.subarray(2)]);
}

/** A valid JPEG whose frame header claims other dimensions, as a pixel bomb would. */
function withDeclaredSize(jpeg: Buffer, width: number, height: number): Buffer {
  const bomb = Buffer.from(jpeg);
  const frame = bomb.indexOf(Buffer.from([0xff, 0xc0]));
  bomb.writeUInt16BE(height, frame + 5);
  bomb.writeUInt16BE(width, frame + 7);
  return bomb;
}

async function expectCleanJpeg(output: Buffer, payloads: string[] = []) {
  expect(output.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  expect(output.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
  expect(segmentsBeforeScan(output).filter((marker) => !pixelSegments.test(marker))).toEqual([]);
  for (const payload of payloads) expect(output.includes(payload)).toBe(false);
  const { format, exif, xmp, iptc, icc, comments } = await sharp(output).metadata();
  expect({ format, exif, xmp, iptc, icc, comments }).toEqual({ format: 'jpeg', exif: undefined, xmp: undefined, iptc: undefined, icc: undefined, comments: undefined });
}

describe('normalisePhoto', () => {
  it('turns a JPEG upright using its EXIF orientation', async () => {
    // Arrange
    const sideways = await solid(1200, 900).jpeg().withMetadata({ orientation: 6 }).toBuffer();

    // Act
    const photo = await normalisePhoto(sideways);

    // Assert
    expect([photo.width, photo.height]).toEqual([900, 1200]);
    const written = await sharp(photo.normalised).metadata();
    expect([written.width, written.height, written.orientation]).toEqual([900, 1200, undefined]);
  });

  it('strips EXIF, including a GPS position, from the normalised image and the thumbnail', async () => {
    // Arrange
    const fieldPhoto = await solid(1200, 900)
      .jpeg()
      .withExif({ IFD0: { Make: 'FieldCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '37/1 58/1 0/1' } })
      .toBuffer();
    expect((await sharp(fieldPhoto).metadata()).exif).toBeDefined();

    // Act
    const photo = await normalisePhoto(fieldPhoto);

    // Assert
    for (const output of [photo.normalised, photo.thumbnail]) {
      const { exif, xmp, iptc, icc } = await sharp(output).metadata();
      expect({ exif, xmp, iptc, icc }).toEqual({ exif: undefined, xmp: undefined, iptc: undefined, icc: undefined });
    }
  });

  it('fits a large PNG inside 1280×1280 as a JPEG', async () => {
    // Arrange
    const large = await solid(4000, 3000).png({ compressionLevel: 1 }).toBuffer();

    // Act
    const photo = await normalisePhoto(large);

    // Assert
    expect([photo.width, photo.height]).toEqual([1280, 960]);
    const written = await sharp(photo.normalised).metadata();
    expect([written.format, written.width, written.height, written.space]).toEqual(['jpeg', 1280, 960, 'srgb']);
  });

  it('does not enlarge a photo smaller than 1280 pixels', async () => {
    // Arrange
    const modest = await solid(800, 600).jpeg().toBuffer();

    // Act
    const photo = await normalisePhoto(modest);

    // Assert
    expect([photo.width, photo.height]).toEqual([800, 600]);
  });

  it('makes a JPEG thumbnail that fits inside 320×320', async () => {
    // Arrange
    const landscape = await solid(1600, 1200).jpeg().toBuffer();

    // Act
    const photo = await normalisePhoto(landscape);

    // Assert
    const thumbnail = await sharp(photo.thumbnail).metadata();
    expect([thumbnail.format, thumbnail.width, thumbnail.height]).toEqual(['jpeg', 320, 240]);
  });

  it('accepts a WebP photo', async () => {
    // Arrange
    const webp = await solid(800, 600).webp().toBuffer();

    // Act
    const photo = await normalisePhoto(webp);

    // Assert
    expect([photo.width, photo.height]).toEqual([800, 600]);
    expect((await sharp(photo.normalised).metadata()).format).toBe('jpeg');
  });

  it('puts transparent areas on white rather than black', async () => {
    // Arrange
    const cutOut = await solid(400, 400, 4, { r: 0, g: 0, b: 0, alpha: 0 }).png().toBuffer();

    // Act
    const photo = await normalisePhoto(cutOut);

    // Assert
    const { channels } = await sharp(photo.normalised).stats();
    expect(channels.map((channel) => Math.round(channel.mean))).toEqual([255, 255, 255]);
  });

  it('keeps only the first frame of an animated WebP', async () => {
    // Arrange
    const animation = await animatedWebp();

    // Act
    const photo = await normalisePhoto(animation);

    // Assert
    expect([photo.width, photo.height]).toEqual([300, 300]);
    const { dominant } = await sharp(photo.normalised).stats();
    expect(dominant.r).toBeGreaterThan(200);
    expect(dominant.b).toBeLessThan(50);
  });

  it('fingerprints the original bytes with SHA-256', async () => {
    // Arrange
    const original = await solid(800, 600).jpeg().toBuffer();

    // Act
    const photo = await normalisePhoto(original);

    // Assert
    expect(photo.sha256).toBe(createHash('sha256').update(original).digest('hex'));
  });

  it('rejects a text file renamed .jpg', async () => {
    // Arrange
    const text = new TextEncoder().encode('Inventory list, room 4: icon of Saint George, 17th century\n');

    // Act
    const error = await rejection(normalisePhoto(text));

    // Assert
    expect(error).toBeInstanceOf(PhotoRejected);
    expect((error as Error).message).toBe('the file is not a JPEG, PNG or WebP image');
  });

  it('rejects a GIF', async () => {
    // Arrange
    const gif = await solid(400, 400).gif().toBuffer();

    // Act
    const error = await rejection(normalisePhoto(gif));

    // Assert
    expect((error as Error).message).toBe('the file is not a JPEG, PNG or WebP image');
  });

  it('rejects a PNG declaring 30000×30000 pixels from its header alone, quickly', async () => {
    // Arrange
    const bomb = pixelBomb(30_000, 30_000);
    const started = performance.now();

    // Act
    const error = await rejection(normalisePhoto(bomb));

    // Assert
    expect(error).toBeInstanceOf(PhotoRejected);
    expect((error as Error).message).toBe('the image is 30000×30000 pixels, more than the 50-megapixel limit');
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('accepts a police bulletin photo of 180×140 pixels as it is, without enlarging it', async () => {
    // Arrange
    const bulletin = await photoJpeg(180, 140);

    // Act
    const photo = await normalisePhoto(bulletin);

    // Assert
    expect([photo.width, photo.height]).toEqual([180, 140]);
  });

  it('rejects an image under 64 pixels on its short side as too small to identify an object', async () => {
    // Arrange
    const tiny = await solid(100, 60).jpeg().toBuffer();

    // Act
    const error = await rejection(normalisePhoto(tiny));

    // Assert
    expect(error).toBeInstanceOf(PhotoRejected);
    expect((error as Error).message).toBe(
      'the image is 100×60 pixels, too small to identify an object: the short side must be at least 64 pixels',
    );
  });

  it('rejects a strip more than 20 times longer than it is wide, which would be under the floor once normalised', async () => {
    // Arrange
    const strip = await solid(64, 1500).jpeg().toBuffer();

    // Act
    const error = await rejection(normalisePhoto(strip));

    // Assert
    expect(error).toBeInstanceOf(PhotoRejected);
    expect((error as Error).message).toBe(
      'the image is 64×1500 pixels, too narrow to identify an object: the long side may be at most 20 times the short side',
    );
  });

  it('rejects a JPEG cut off part-way through', async () => {
    // Arrange
    const whole = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#000000', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
      .jpeg()
      .toBuffer();
    const truncated = whole.subarray(0, Math.floor(whole.length / 2));

    // Act
    const error = await rejection(normalisePhoto(truncated));

    // Assert
    expect(error).toBeInstanceOf(PhotoRejected);
    expect((error as Error).message).toBe('the image data is damaged or incomplete and could not be read');
  });

  it('rejects a JPEG declaring 60000×60000 pixels from its header alone, quickly', async () => {
    // Arrange
    const bomb = withDeclaredSize(await solid(400, 300).jpeg().toBuffer(), 60_000, 60_000);
    const started = performance.now();

    // Act
    const error = await rejection(normalisePhoto(bomb));

    // Assert
    expect((error as Error).message).toBe('the image is 60000×60000 pixels, more than the 50-megapixel limit');
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('rejects a JPEG whose end-of-image marker and last scan lines are missing', async () => {
    // Arrange
    const whole = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#000000', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
      .jpeg()
      .toBuffer();
    const truncated = whole.subarray(0, whole.length - 200);

    // Act
    const error = await rejection(normalisePhoto(truncated));

    // Assert
    expect((error as Error).message).toBe('the image data is damaged or incomplete and could not be read');
  });

  it('rejects an SVG sent as a JPEG without rendering it', async () => {
    // Arrange
    const drawing = Buffer.from(svg);

    // Act
    const error = await rejection(normalisePhoto(drawing));

    // Assert
    expect(sniffFormat(drawing)).toBeUndefined();
    expect((error as Error).message).toBe('the file is not a JPEG, PNG or WebP image');
  });

  it('rejects an HTML page with an inline SVG sent as a JPEG', async () => {
    // Arrange
    const page = Buffer.from(`<!DOCTYPE html>\n<html><body>${svg}<script>fetch('/steal')</script></body></html>`);

    // Act
    const error = await rejection(normalisePhoto(page));

    // Assert
    expect((error as Error).message).toBe('the file is not a JPEG, PNG or WebP image');
  });

  it('rejects an SVG behind a JPEG signature', async () => {
    // Arrange
    const disguised = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.from(svg)]);

    // Act
    const error = await rejection(normalisePhoto(disguised));

    // Assert
    expect(error).toBeInstanceOf(PhotoRejected);
  });

  it('rejects a GIF with a ZIP archive appended (a GIFAR)', async () => {
    // Arrange
    const gifar = Buffer.concat([await solid(400, 400).gif().toBuffer(), Buffer.from('PK\x03\x04\x14\x00\x00\x00META-INF/MANIFEST.MF')]);

    // Act
    const error = await rejection(normalisePhoto(gifar));

    // Assert
    expect((error as Error).message).toBe('the file is not a JPEG, PNG or WebP image');
  });

  it('stores a JPEG with a ZIP archive appended only as a clean re-encoded JPEG', async () => {
    // Arrange
    const zip = 'PK\x03\x04\x14\x00\x00\x00payload.js';
    const polyglot = Buffer.concat([await solid(800, 600).jpeg().toBuffer(), Buffer.from(zip)]);

    // Act
    const photo = await normalisePhoto(polyglot);

    // Assert
    await expectCleanJpeg(photo.normalised, ['PK\x03\x04', 'payload.js']);
    await expectCleanJpeg(photo.thumbnail, ['PK\x03\x04', 'payload.js']);
  });

  it('stores a PNG with a script appended after its end chunk only as a clean re-encoded JPEG', async () => {
    // Arrange
    const polyglot = Buffer.concat([await solid(800, 600).png().toBuffer(), Buffer.from('<script>alert(document.cookie)</script>')]);

    // Act
    const photo = await normalisePhoto(polyglot);

    // Assert
    await expectCleanJpeg(photo.normalised, ['<script']);
    await expectCleanJpeg(photo.thumbnail, ['<script']);
  });

  it('keeps no metadata segment at all: EXIF with GPS, XMP, ICC profile or comment', async () => {
    // Arrange
    const tagged = await solid(1200, 900)
      .jpeg()
      .withIccProfile('p3')
      .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></x:xmpmeta>')
      .withExif({ IFD0: { Make: 'FieldCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '37/1 58/1 0/1' } })
      .toBuffer();
    const fieldPhoto = withComment(tagged, '<script>alert(1)</script>');
    expect(segmentsBeforeScan(fieldPhoto)).toEqual(expect.arrayContaining(['fe', 'e1', 'e2']));

    // Act
    const photo = await normalisePhoto(fieldPhoto);

    // Assert
    await expectCleanJpeg(photo.normalised, ['FieldCam', 'xmpmeta', '<script']);
    await expectCleanJpeg(photo.thumbnail, ['FieldCam', 'xmpmeta', '<script']);
  });
});
