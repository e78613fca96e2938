// Writes and reads the text index as a compact byte snapshot: objects as JSON tuples, one per line, then the postings as raw integers.
import type { ObjectFeatures } from './features.ts';
import type { Dimension, Measure } from './measurements.ts';

const format = 'text-index/4';
// Lines are encoded and decoded in batches: a single string of a million objects would pass V8's string length limit.
const batch = 10_000;
const newline = 10;

type MeasureTuple = [dimension: Dimension | 'weight' | 0, value: number, stated: string];
type Tuple = [
  id: string,
  country: string,
  objectType: string,
  typeKnown: 0 | 1,
  types: string[],
  materials: string[],
  subjects: string[],
  words: string[],
  inscriptions: string[],
  markings: string[],
  lengths: MeasureTuple[],
  weight: MeasureTuple | 0,
  period: ObjectFeatures['period'],
];

const measureTuple = (measure: Measure): MeasureTuple => [measure.dimension ?? 0, measure.value, measure.stated];
const measureOf = ([dimension, value, stated]: MeasureTuple): Measure => (dimension ? { dimension, value, stated } : { value, stated });

function tupleOf(features: ObjectFeatures): Tuple {
  const { id, country, objectType, typeKnown, types, materials, subjects, words, inscriptions, markings, size, period } = features;
  return [id, country, objectType, typeKnown ? 1 : 0, types, materials, subjects, words, inscriptions, markings, size.lengths.map(measureTuple), size.weight ? measureTuple(size.weight) : 0, period];
}

function featuresOf(tuple: Tuple): ObjectFeatures {
  const [id, country, objectType, typeKnown, types, materials, subjects, words, inscriptions, markings, lengths, weight, period] = tuple;
  const size = weight ? { lengths: lengths.map(measureOf), weight: measureOf(weight) } : { lengths: lengths.map(measureOf) };
  return { id, country, objectType, typeKnown: typeKnown === 1, types, materials, subjects, words, inscriptions, markings, size, period };
}

/** What the index writes: by slot, each object's id and its features or the line a loaded snapshot held for it; the postings. */
export interface SnapshotSource {
  ids: string[];
  objects: (ObjectFeatures | Uint8Array)[];
  postings: Map<string, Int32Array>;
}

/** What a snapshot holds: the objects' ids by slot, each object's features read only when asked for, and the postings. */
export interface SnapshotContents {
  ids: string[];
  featuresAt(slot: number): ObjectFeatures;
  /** The object's line as stored, for writing the next snapshot without reading it. */
  lineAt(slot: number): Uint8Array;
  postings: Map<string, Int32Array>;
}

const concat = (chunks: Uint8Array[]) => {
  const bytes = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
};

/**
 * Layout: a header line; a line with every object's id; one line per object; one line with the keys; then, as little-endian
 * 32-bit integers (what Lambda's x86 and Graviton both are), every key's posting length followed by all the slots. Loading
 * is then finding line ends and copying integers: an object's line is parsed only when a search scores it, so a million
 * objects load in about a second instead of half a minute, and take the memory of their bytes, not of their parsed form.
 */
export function encodeSnapshot({ ids, objects, postings }: SnapshotSource): Uint8Array {
  const encoder = new TextEncoder();
  const keys = [...postings.keys()];
  const lengths = Int32Array.from(keys, (key) => postings.get(key)?.length ?? 0);
  const lines: Uint8Array[] = [];
  const pending: string[] = [];
  // Features are encoded in batches, lines already held are copied: a single string of a million objects would pass V8's limit.
  const flush = () => {
    if (pending.length > 0) lines.push(encoder.encode(pending.join('')));
    pending.length = 0;
  };
  for (const object of objects) {
    if (object instanceof Uint8Array) {
      flush();
      lines.push(object, Uint8Array.of(newline));
    } else {
      pending.push(`${JSON.stringify(tupleOf(object))}\n`);
      if (pending.length === batch) flush();
    }
  }
  flush();
  const chunks: Uint8Array[] = [encoder.encode(`${JSON.stringify({ format, count: objects.length, keys: keys.length })}\n`), ...encodeIds(ids, (text) => encoder.encode(text)), ...lines];
  chunks.push(encoder.encode(`${JSON.stringify(keys)}\n`));
  chunks.push(new Uint8Array(lengths.buffer));
  for (const key of keys) {
    const slots = postings.get(key) ?? new Int32Array(0);
    chunks.push(new Uint8Array(slots.buffer, slots.byteOffset, slots.byteLength));
  }
  return concat(chunks);
}

// The ids line is one JSON array, written in pieces for the same string limit.
function encodeIds(ids: string[], encode: (text: string) => Uint8Array): Uint8Array[] {
  const pieces: Uint8Array[] = [encode('[')];
  for (let at = 0; at < ids.length; at += batch) pieces.push(encode(`${at > 0 ? ',' : ''}${JSON.stringify(ids.slice(at, at + batch)).slice(1, -1)}`));
  pieces.push(encode(']\n'));
  return pieces;
}

export function decodeSnapshot(snapshot: string | Uint8Array): SnapshotContents {
  // The postings are raw integers: a snapshot that went through a text encoding on its way is damaged, and must not half-load.
  if (typeof snapshot === 'string') throw new Error('a text index snapshot is the bytes toSnapshot returned, not a string');
  const decoder = new TextDecoder();
  const lineEnd = (from: number) => {
    const end = snapshot.indexOf(newline, from);
    if (end === -1) throw new Error('snapshot is truncated');
    return end;
  };
  const headerEnd = lineEnd(0);
  const header = JSON.parse(decoder.decode(snapshot.subarray(0, headerEnd))) as { format?: unknown; count?: unknown; keys?: unknown };
  if (header.format !== format || typeof header.count !== 'number' || typeof header.keys !== 'number') throw new Error(`not a ${format} snapshot`);
  const idsEnd = lineEnd(headerEnd + 1);
  const ids = JSON.parse(decoder.decode(snapshot.subarray(headerEnd + 1, idsEnd))) as string[];
  if (ids.length !== header.count) throw new Error('snapshot is truncated');
  // Where each object's line starts; the next one's start, less its newline, is where it ends.
  const starts = new Float64Array(header.count + 1);
  let start = idsEnd + 1;
  for (let slot = 0; slot < header.count; slot += 1) {
    starts[slot] = start;
    start = lineEnd(start) + 1;
  }
  starts[header.count] = start;
  const lineAt = (slot: number) => snapshot.subarray(starts[slot] as number, (starts[slot + 1] as number) - 1);
  const keysEnd = lineEnd(start);
  const keys = JSON.parse(decoder.decode(snapshot.subarray(start, keysEnd))) as string[];
  // Copied out so the integers are aligned whatever offset the text before them ended at.
  const integers = new Int32Array(Math.floor((snapshot.length - keysEnd - 1) / 4));
  new Uint8Array(integers.buffer).set(snapshot.subarray(keysEnd + 1, keysEnd + 1 + integers.byteLength));
  if (keys.length !== header.keys) throw new Error('snapshot is truncated');
  const postings = new Map<string, Int32Array>();
  let at = keys.length;
  keys.forEach((key, index) => {
    const length = integers[index] ?? 0;
    postings.set(key, integers.subarray(at, at + length));
    at += length;
  });
  if (at !== integers.length) throw new Error('snapshot is truncated');
  return { ids, featuresAt: (slot) => featuresOf(JSON.parse(decoder.decode(lineAt(slot))) as Tuple), lineAt, postings };
}
