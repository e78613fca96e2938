// Writes and reads the text index as a compact byte snapshot: objects as JSON tuples, one per line, then the postings as raw integers.
import type { ObjectFeatures } from './features.ts';
import type { Dimension, Measure } from './measurements.ts';

const format = 'text-index/2';
// Lines are encoded and decoded in batches: a single string of a million objects would pass V8's string length limit.
const batch = 10_000;
const newline = 10;

type MeasureTuple = [dimension: Dimension | 'weight' | 0, value: number, stated: string];
type Tuple = [
  id: string,
  country: string,
  objectType: string,
  types: string[],
  materials: string[],
  subjects: string[],
  words: string[],
  inscriptions: string[],
  markings: string[],
  lengths: MeasureTuple[],
  weight: MeasureTuple | 0,
];

const measureTuple = (measure: Measure): MeasureTuple => [measure.dimension ?? 0, measure.value, measure.stated];
const measureOf = ([dimension, value, stated]: MeasureTuple): Measure => (dimension ? { dimension, value, stated } : { value, stated });

function tupleOf(features: ObjectFeatures): Tuple {
  const { id, country, objectType, types, materials, subjects, words, inscriptions, markings, size } = features;
  return [id, country, objectType, types, materials, subjects, words, inscriptions, markings, size.lengths.map(measureTuple), size.weight ? measureTuple(size.weight) : 0];
}

function featuresOf(tuple: Tuple): ObjectFeatures {
  const [id, country, objectType, types, materials, subjects, words, inscriptions, markings, lengths, weight] = tuple;
  const size = weight ? { lengths: lengths.map(measureOf), weight: measureOf(weight) } : { lengths: lengths.map(measureOf) };
  return { id, country, objectType, types, materials, subjects, words, inscriptions, markings, size };
}

/** The index's contents: objects by slot, and for each key the slots of the objects under it. */
export interface SnapshotContents {
  objects: ObjectFeatures[];
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
 * Layout: a header line; one line per object; one line with the keys; then, as little-endian 32-bit integers (what Lambda's
 * x86 and Graviton both are), every key's posting length followed by all the slots. Loading the postings is then a copy, not
 * a re-analysis of a million descriptions.
 */
export function encodeSnapshot({ objects, postings }: SnapshotContents): Uint8Array {
  const encoder = new TextEncoder();
  const keys = [...postings.keys()];
  const lengths = Int32Array.from(keys, (key) => postings.get(key)?.length ?? 0);
  const chunks: Uint8Array[] = [encoder.encode(`${JSON.stringify({ format, count: objects.length, keys: keys.length })}\n`)];
  for (let at = 0; at < objects.length; at += batch) {
    const lines = objects.slice(at, at + batch).map((features) => `${JSON.stringify(tupleOf(features))}\n`);
    chunks.push(encoder.encode(lines.join('')));
  }
  chunks.push(encoder.encode(`${JSON.stringify(keys)}\n`));
  chunks.push(new Uint8Array(lengths.buffer));
  for (const key of keys) {
    const slots = postings.get(key) ?? new Int32Array(0);
    chunks.push(new Uint8Array(slots.buffer, slots.byteOffset, slots.byteLength));
  }
  return concat(chunks);
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
  const objects: ObjectFeatures[] = [];
  let start = headerEnd + 1;
  while (objects.length < header.count) {
    // Cut a batch of whole lines, so that no multi-byte character is split between two decodes.
    let end = start;
    for (let lines = 0; lines < batch && objects.length + lines < header.count; lines += 1) end = lineEnd(end) + 1;
    for (const line of decoder.decode(snapshot.subarray(start, end - 1)).split('\n')) objects.push(featuresOf(JSON.parse(line) as Tuple));
    start = end;
  }
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
  return { objects, postings };
}
