// Leaves the image library able to decode JPEG, PNG and WebP only, for a function that reads untrusted photos.
import sharp from 'sharp';

/**
 * Process-wide, so call it once from a handler module, never from domain code (tests render SVG fixtures). It backs up
 * the byte check in photo.ts: even a file that got past it could not reach librsvg, GIF, TIFF, HEIF or any other loader.
 */
export function allowOnlyPhotoDecoders(): void {
  sharp.block({ operation: ['VipsForeignLoad'] });
  sharp.unblock({ operation: ['VipsForeignLoadJpegBuffer', 'VipsForeignLoadPngBuffer', 'VipsForeignLoadWebpBuffer'] });
}
