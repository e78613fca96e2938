import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { PhotoIndexSnapshot } from '../../../functions/matching/photo/photo-index.ts';
import type { IndexSnapshot } from '../../../functions/matching/registry-index.ts';
import { decodeIndexSnapshot, encodeIndexSnapshot, UnreadableSnapshot } from '../../../functions/matching/snapshot-file.ts';

const photo: PhotoIndexSnapshot = {
  version: 4,
  dimensions: 64,
  objectIds: ['11111111-1111-4111-8111-111111111111', '11111111-1111-4111-8111-111111111111', 'objet-Ω'],
  imageIds: ['front', 'back', 'img-3'],
  vectors: Uint8Array.from({ length: 3 * 64 }, (_, i) => (i * 37) % 256),
  keypointCounts: Uint16Array.from([3, 0, 2]),
  words: Uint16Array.from([4, 900, 8191, 1, 1]),
  signatures: Uint16Array.from([0, 0xffff, 7, 0x8000, 12345]),
};
const snapshot: IndexSnapshot = { builtAt: '2025-03-01T10:00:00.000Z', sought: ['11111111-1111-4111-8111-111111111111', 'objet-Ω'], text: 'text index lines\n', photo };
const plain = (decoded: IndexSnapshot) => ({
  ...decoded,
  photo: {
    ...decoded.photo,
    vectors: [...decoded.photo.vectors],
    keypointCounts: [...decoded.photo.keypointCounts],
    words: [...decoded.photo.words],
    signatures: [...decoded.photo.signatures],
  },
});

describe('the index snapshot file', () => {
  it('reads back what it wrote: ids, text, descriptors, visual words and signatures', () => {
    // Act
    const decoded = decodeIndexSnapshot(encodeIndexSnapshot(snapshot));

    // Assert
    expect(plain(decoded)).toEqual(plain(snapshot));
  });

  it('reads back a text index kept as bytes, and an empty registry', () => {
    // Arrange
    const empty: IndexSnapshot = {
      builtAt: '1970-01-01T00:00:00.000Z',
      sought: [],
      text: Uint8Array.from([1, 2, 3]),
      photo: { ...photo, objectIds: [], imageIds: [], vectors: new Uint8Array(0), keypointCounts: new Uint16Array(0), words: new Uint16Array(0), signatures: new Uint16Array(0) },
    };

    // Act
    const decoded = decodeIndexSnapshot(encodeIndexSnapshot(empty));

    // Assert
    expect([...(decoded.text as Uint8Array)]).toEqual([1, 2, 3]);
    expect(plain(decoded)).toEqual({ ...plain(empty), text: decoded.text });
    expect(decoded.photo.objectIds).toEqual([]);
  });

  it('refuses a snapshot cut short', () => {
    // Arrange
    const bytes = encodeIndexSnapshot(snapshot);

    // Act / Assert
    expect(() => decodeIndexSnapshot(bytes.subarray(0, bytes.length - 4))).toThrow(UnreadableSnapshot);
    expect(() => decodeIndexSnapshot(new Uint8Array(0))).toThrow(UnreadableSnapshot);
  });

  it('refuses a damaged snapshot', () => {
    // Arrange
    const bytes = encodeIndexSnapshot(snapshot);
    const damaged = bytes.map((byte, at) => (at === bytes.length >> 1 ? byte ^ 0x55 : byte));

    // Act / Assert
    expect(() => decodeIndexSnapshot(damaged)).toThrow(UnreadableSnapshot);
  });

  it('refuses a complete file whose sections do not add up, and one another version wrote', () => {
    // Arrange: the file itself, gzipped again after a change a checksum cannot catch
    const file = gunzipSync(encodeIndexSnapshot(snapshot));
    const shortened = gzipSync(file.subarray(0, file.length - 8));
    const otherVersion = gzipSync(Buffer.from(file.toString('latin1').replace('"version":4', '"version":3'), 'latin1'));

    // Act / Assert
    expect(() => decodeIndexSnapshot(shortened)).toThrow(/cut short in its signatures section/);
    expect(() => decodeIndexSnapshot(otherVersion)).toThrow(/header is unreadable/);
  });

  it('refuses to write an id it could not read back', () => {
    // Act / Assert
    expect(() => encodeIndexSnapshot({ ...snapshot, sought: ['a\u0000b'] })).toThrow(/NUL/);
  });
});
