// Photos end to end: presigned POST to the S3 emulator, the S3 event, the processor, signed links back.
import { randomUUID } from 'node:crypto';
import { CompleteMultipartUploadCommand, CreateMultipartUploadCommand, S3Client, UploadPartCommand } from '@aws-sdk/client-s3';
import sharp from 'sharp';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Caller } from '../../schemas/identity.ts';
import { apiClient, postToPresignedUpload, waitForImage } from '../support/api.ts';
import { photoJpeg, pixelBomb } from '../fixtures/photos.ts';
import { italianPainting } from '../fixtures/objects.ts';

const api = apiClient(inject('apiUrl'));
const museum: Caller = { sub: 'registrar-1', org: `museum-delphi-${randomUUID().slice(0, 8)}`, role: 'museum' };
const police: Caller = { sub: 'analyst-1', org: 'hellenic-police', role: 'police' };

let objectId: string;

beforeAll(async () => {
  const body = italianPainting;
  const reply = await api.call('POST', '/v1/objects', { as: museum, body });
  objectId = reply.body.id;
});

/** The normalised image and thumbnail of a ready image, as anyone reading the object fetches them. */
async function storedCopies(imageId: string) {
  const read = await api.call('GET', `/v1/objects/${objectId}`, { as: police });
  const seen = read.body.images.find((candidate: { id: string }) => candidate.id === imageId);
  const fetchBytes = async (url: string) => Buffer.from(await (await fetch(url)).arrayBuffer());
  return { urls: [seen.url, seen.thumbnailUrl] as string[], copies: [await fetchBytes(seen.url), await fetchBytes(seen.thumbnailUrl)] };
}

async function upload(bytes: Uint8Array, contentType: string) {
  const grant = await api.call('POST', `/v1/objects/${objectId}/images`, { as: museum, body: { contentType } });
  expect(grant.status).toBe(201);
  expect(await postToPresignedUpload(grant.body, bytes, contentType)).toBe(204);
  return waitForImage(api, museum, objectId, grant.body.imageId);
}

describe('object photos', () => {
  it('turns an uploaded JPEG into a ready image with a normalised copy and a thumbnail anyone can fetch', async () => {
    // Arrange
    const photo = await photoJpeg(3000, 2000);
    // Act
    const image = await upload(photo, 'image/jpeg');
    // Assert
    expect(image).toMatchObject({ status: 'ready', width: 1280, height: 853 });
    const read = await api.call('GET', `/v1/objects/${objectId}`, { as: police });
    const seen = read.body.images.find((candidate: { id: string }) => candidate.id === image.id);
    const thumbnail = await sharp(Buffer.from(await (await fetch(seen.thumbnailUrl)).arrayBuffer())).metadata();
    const normalised = await sharp(Buffer.from(await (await fetch(seen.url)).arrayBuffer())).metadata();
    expect([thumbnail.format, thumbnail.width, thumbnail.height]).toEqual(['jpeg', 320, 213]);
    expect([normalised.format, normalised.width]).toEqual(['jpeg', 1280]);
  });

  it('rejects a PNG pixel bomb with the reason', async () => {
    // Act
    const image = await upload(pixelBomb(30_000, 30_000), 'image/png');
    // Assert
    expect(image.status).toBe('rejected');
    expect(image.reason).toMatch(/50-megapixel limit/);
    expect(image).not.toHaveProperty('url');
  });

  it('rejects a text file sent as a JPEG', async () => {
    // Act
    const image = await upload(new TextEncoder().encode('this is not a photo\n'.repeat(200)), 'image/jpeg');
    // Assert
    expect(image).toMatchObject({ status: 'rejected', reason: 'the file is not a JPEG, PNG or WebP image' });
  });

  it('rejects a file over 25 MB that reached the bucket without the POST policy', async () => {
    // Arrange: the emulator caps a request at 11 MiB and ignores POST policies, so send the file in parts,
    // as a client holding credentials could, to the key the museum was granted.
    const grant = await api.call('POST', `/v1/objects/${objectId}/images`, { as: museum, body: { contentType: 'image/jpeg' } });
    const { origin, pathname } = new URL(grant.body.url);
    const s3 = new S3Client({ endpoint: origin, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    const target = { Bucket: pathname.slice(1), Key: grant.body.fields.key };
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ ...target, ContentType: 'image/jpeg' }));
    const first = Buffer.concat([await photoJpeg(400, 300), Buffer.alloc(9 * 1024 * 1024)]);
    const parts = [first, Buffer.alloc(9 * 1024 * 1024), Buffer.alloc(8 * 1024 * 1024)];
    const etags: string[] = [];
    for (const [index, Body] of parts.entries()) {
      etags.push((await s3.send(new UploadPartCommand({ ...target, UploadId, PartNumber: index + 1, Body }))).ETag ?? '');
    }
    // Act
    await s3.send(new CompleteMultipartUploadCommand({ ...target, UploadId, MultipartUpload: { Parts: etags.map((ETag, i) => ({ ETag, PartNumber: i + 1 })) } }));
    const image = await waitForImage(api, museum, objectId, grant.body.imageId);
    // Assert
    expect(image.status).toBe('rejected');
    expect(image.reason).toMatch(/more than the 25 MB limit/);
    s3.destroy();
  });

  it('asks for a JPEG when a phone offers a HEIC photo', async () => {
    // Act
    const reply = await api.call('POST', `/v1/objects/${objectId}/images`, { as: museum, body: { contentType: 'image/heic' } });
    // Assert
    expect(reply.status).toBe(400);
    expect(reply.body.error.fields[0]).toMatchObject({ path: 'contentType' });
    expect(reply.body.error.fields[0].reason).toMatch(/JPEG/);
  });

  it('lets only the owning museum add photos', async () => {
    // Act
    const reply = await api.call('POST', `/v1/objects/${objectId}/images`, { as: police, body: { contentType: 'image/jpeg' } });
    // Assert
    expect(reply.status).toBe(403);
  });

  it('rejects an SVG sent as a JPEG', async () => {
    // Arrange
    const drawing = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600"><script>alert(1)</script></svg>');
    // Act
    const image = await upload(drawing, 'image/jpeg');
    // Assert
    expect(image).toMatchObject({ status: 'rejected', reason: 'the file is not a JPEG, PNG or WebP image' });
  });

  it('rejects a JPEG cut off part-way through, saying so', async () => {
    // Arrange
    const whole = await photoJpeg(800, 600);
    // Act
    const image = await upload(whole.subarray(0, Math.floor(whole.length / 2)), 'image/jpeg');
    // Assert
    expect(image).toMatchObject({ status: 'rejected', reason: 'the image data is damaged or incomplete and could not be read' });
  });

  it('serves a JPEG with a ZIP archive appended only as re-encoded copies without the archive', async () => {
    // Arrange
    const polyglot = Buffer.concat([await photoJpeg(800, 600), Buffer.from('PK\x03\x04\x14\x00\x00\x00payload.js')]);
    // Act
    const image = await upload(polyglot, 'image/jpeg');
    // Assert
    expect(image.status).toBe('ready');
    const { copies } = await storedCopies(image.id);
    for (const copy of copies) {
      expect(copy.includes('PK\x03\x04')).toBe(false);
      expect(copy.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
    }
  });

  it('serves a field photo with its GPS position without any EXIF in either copy, and never links to the original', async () => {
    // Arrange
    const fieldPhoto = await sharp(await photoJpeg(800, 600))
      .withExif({ IFD0: { Make: 'FieldCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '37/1 58/1 0/1' } })
      .toBuffer();
    // Act
    const image = await upload(fieldPhoto, 'image/jpeg');
    // Assert
    const { urls, copies } = await storedCopies(image.id);
    for (const copy of copies) {
      const { exif, xmp, icc, iptc } = await sharp(copy).metadata();
      expect({ exif, xmp, icc, iptc }).toEqual({ exif: undefined, xmp: undefined, icc: undefined, iptc: undefined });
      expect(copy.includes('FieldCam')).toBe(false);
    }
    expect(urls.map((url) => new URL(url).pathname.split('/')[2])).toEqual(['images', 'thumbs']);
  });
});
