import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowOnlyPhotoDecoders } from '../../../functions/images/decoders.ts';
import { solid } from '../../fixtures/photos.ts';

const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"><rect width="400" height="300" fill="red"/></svg>';
const readable = (bytes: Buffer) => sharp(bytes).metadata().then(({ format }) => format, () => 'refused');

describe('allowOnlyPhotoDecoders', () => {
  // The block is process-wide: each test file runs in its own process, and this one lifts it when done.
  beforeAll(() => allowOnlyPhotoDecoders());
  afterAll(() => sharp.unblock({ operation: ['VipsForeignLoad'] }));

  it('still decodes JPEG, PNG and WebP', async () => {
    // Arrange
    const photo = solid(400, 300);
    const files = [await photo.clone().jpeg().toBuffer(), await photo.clone().png().toBuffer(), await photo.clone().webp().toBuffer()];

    // Act
    const formats = await Promise.all(files.map(readable));

    // Assert
    expect(formats).toEqual(['jpeg', 'png', 'webp']);
  });

  it('leaves no way to render an SVG, even one sharp is handed directly', async () => {
    // Act
    const format = await readable(Buffer.from(svg));

    // Assert
    expect(format).toBe('refused');
  });

  it('refuses the other formats libvips can read, such as GIF and TIFF', async () => {
    // Arrange
    const photo = solid(400, 300);
    const files = [await photo.clone().gif().toBuffer(), await photo.clone().tiff().toBuffer()];

    // Act
    const formats = await Promise.all(files.map(readable));

    // Assert
    expect(formats).toEqual(['refused', 'refused']);
  });
});
