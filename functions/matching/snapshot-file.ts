// Writes and reads the matching index's snapshot as one gzipped binary file: a small JSON header, then raw sections,
// so that a million images' descriptors and visual words never pass through one JavaScript string.
import { gunzipSync, gzipSync } from 'node:zlib';
import * as z from 'zod';
import type { PhotoIndexSnapshot } from './photo/photo-index.ts';
import type { IndexSnapshot } from './registry-index.ts';

const magic = Buffer.from('registry-index/1\n');
const align = 8;
const separator = '\u0000';

const Header = z.object({
  builtAt: z.string(),
  textIsBytes: z.boolean(),
  photo: z.object({ version: z.literal(4), dimensions: z.number().int().positive(), images: z.number().int().nonnegative() }),
  /** Byte lengths of the sections, in the order of `sectionNames`. */
  sections: z.array(z.number().int().nonnegative()).length(8),
});
const sectionNames = ['sought', 'text', 'objectIds', 'imageIds', 'vectors', 'keypointCounts', 'words', 'signatures'] as const;

const padded = (length: number) => Math.ceil(length / align) * align;
const bytesOf = (view: ArrayBufferView) => new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
const utf8 = (text: string) => Buffer.from(text, 'utf8');

function joined(ids: string[], what: string): Uint8Array {
  if (ids.some((id) => id.includes(separator))) throw new Error(`a ${what} holds a NUL character and cannot be written to the index snapshot`);
  return utf8(ids.join(separator));
}

// Each image's words are sorted: stored as the first word and the steps between them, which are small and compress
// to about a byte each.
function wordSteps(counts: Uint16Array, words: Uint16Array): Uint16Array {
  const steps = new Uint16Array(words.length);
  let at = 0;
  for (const count of counts) {
    for (let i = 0; i < count; i++) steps[at + i] = i === 0 ? (words[at] as number) : (words[at + i] as number) - (words[at + i - 1] as number);
    at += count;
  }
  return steps;
}

/** Undoes `wordSteps` in place. */
function wordsFromSteps(counts: Uint16Array, steps: Uint16Array): Uint16Array {
  let at = 0;
  for (const count of counts) {
    for (let i = 1; i < count; i++) steps[at + i] = (steps[at + i] as number) + (steps[at + i - 1] as number);
    at += count;
  }
  return steps;
}

/** The snapshot as the bytes kept in S3. */
export function encodeIndexSnapshot(snapshot: IndexSnapshot): Uint8Array {
  const { photo } = snapshot;
  const sections = [
    joined(snapshot.sought, 'object id'),
    typeof snapshot.text === 'string' ? utf8(snapshot.text) : snapshot.text,
    joined(photo.objectIds, 'object id'),
    joined(photo.imageIds, 'image id'),
    photo.vectors,
    bytesOf(photo.keypointCounts),
    bytesOf(wordSteps(photo.keypointCounts, photo.words)),
    bytesOf(photo.signatures),
  ];
  const header: z.infer<typeof Header> = {
    builtAt: snapshot.builtAt,
    textIsBytes: typeof snapshot.text !== 'string',
    photo: { version: photo.version, dimensions: photo.dimensions, images: photo.objectIds.length },
    sections: sections.map((section) => section.length),
  };
  const headerBytes = utf8(JSON.stringify(header));
  const length = new Uint8Array(4);
  new DataView(length.buffer).setUint32(0, headerBytes.length, true);
  const start = padded(magic.length + 4 + headerBytes.length);
  const file = new Uint8Array(start + sections.reduce((total, section) => total + padded(section.length), 0));
  file.set(magic);
  file.set(length, magic.length);
  file.set(headerBytes, magic.length + 4);
  let at = start;
  for (const section of sections) {
    file.set(section, at);
    at += padded(section.length);
  }
  return gzipSync(file);
}

/** Thrown for a snapshot this code cannot read: damaged, cut short, or written by another version. */
export class UnreadableSnapshot extends Error {}

function typed<T>(make: () => T, reason: string): T {
  try {
    return make();
  } catch (error) {
    throw new UnreadableSnapshot(`${reason}: ${String(error)}`);
  }
}

export function decodeIndexSnapshot(stored: Uint8Array): IndexSnapshot {
  const gunzipped = typed(() => gunzipSync(stored), 'the index snapshot is not a complete gzip stream');
  // Sections are read as 16-bit views: the file must start on an even address.
  const file = gunzipped.byteOffset % align === 0 ? gunzipped : new Uint8Array(gunzipped);
  if (file.length < magic.length + 4 || !Buffer.from(file.buffer, file.byteOffset, magic.length).equals(magic)) {
    throw new UnreadableSnapshot('the index snapshot is not a registry-index/1 file');
  }
  const headerLength = new DataView(file.buffer, file.byteOffset + magic.length, 4).getUint32(0, true);
  const headerEnd = magic.length + 4 + headerLength;
  if (headerEnd > file.length) throw new UnreadableSnapshot('the index snapshot is cut short in its header');
  const header = typed(() => Header.parse(JSON.parse(Buffer.from(file.buffer, file.byteOffset + magic.length + 4, headerLength).toString('utf8'))), 'the index snapshot header is unreadable');
  const sections: Uint8Array[] = [];
  let at = padded(headerEnd);
  for (const [n, length] of header.sections.entries()) {
    if (at + length > file.length) throw new UnreadableSnapshot(`the index snapshot is cut short in its ${sectionNames[n]} section`);
    sections.push(file.subarray(at, at + length));
    at += padded(length);
  }
  if (at !== file.length) throw new UnreadableSnapshot(`the index snapshot has ${file.length - at} bytes after its last section`);
  const [sought, text, objectIds, imageIds, vectors, keypointCounts, words, signatures] = sections as [Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array];
  const ids = (bytes: Uint8Array) => (bytes.length === 0 ? [] : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8').split(separator));
  const sixteen = (bytes: Uint8Array) => new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.length >> 1);
  const { images, dimensions, version } = header.photo;
  const photo: PhotoIndexSnapshot = {
    version,
    dimensions,
    objectIds: ids(objectIds),
    imageIds: ids(imageIds),
    vectors,
    keypointCounts: sixteen(keypointCounts),
    words: sixteen(words),
    signatures: sixteen(signatures),
  };
  const keypoints = photo.keypointCounts.reduce((total, count) => total + count, 0);
  if (
    photo.objectIds.length !== images ||
    photo.imageIds.length !== images ||
    vectors.length !== images * dimensions ||
    photo.keypointCounts.length !== images ||
    photo.words.length !== keypoints ||
    photo.signatures.length !== keypoints
  ) {
    throw new UnreadableSnapshot(`the index snapshot's photo sections do not describe ${images} images`);
  }
  wordsFromSteps(photo.keypointCounts, photo.words);
  return { builtAt: header.builtAt, sought: ids(sought), text: header.textIsBytes ? text.slice() : Buffer.from(text.buffer, text.byteOffset, text.length).toString('utf8'), photo };
}
