import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { normalisePhoto, PhotoRejected } from '../../../functions/images/photo.ts';
import { animatedWebp, pixelBomb, solid } from '../../fixtures/photos.ts';

const rejection = (promise: Promise<unknown>) => promise.then(() => expect.fail('the photo was accepted'), (error: unknown) => error);

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

  it('rejects an image under 200 pixels on its short side as too small to identify an object', async () => {
    // Arrange
    const tiny = await solid(100, 100).jpeg().toBuffer();

    // Act
    const error = await rejection(normalisePhoto(tiny));

    // Assert
    expect(error).toBeInstanceOf(PhotoRejected);
    expect((error as Error).message).toBe(
      'the image is 100×100 pixels, too small to identify an object: the short side must be at least 200 pixels',
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
});
