// The stored images' global descriptors, kept in WebAssembly memory, where the SIMD kernel scans them all at once.
import { wasm } from './best-dots.wasm.ts';
import { globalDimensions } from './global-descriptor.ts';
import { kernelFrom, reserveBytes } from './wasm-kernel.ts';

// Memory layout: the query descriptors (16-bit) | the stored descriptors (capacity × 64 bytes) | the kernel's results
// (capacity × 4 bytes, scratch, so it may move when the store grows).
const queryRegion = 1024;
const maxQueries = queryRegion / (globalDimensions * 2);
const instantiate = kernelFrom<{ bestDots(queryCount: number, vectors: number, count: number, out: number): void }>(wasm);

export interface DescriptorStore {
  set(slot: number, descriptor: ArrayLike<number>): void;
  /** Copies the descriptor at `from` over the one at `to`. */
  move(from: number, to: number): void;
  /** A copy of the first `count` descriptors' bytes, as a snapshot keeps them. */
  bytes(count: number): Uint8Array;
  /** For each of the first `count` descriptors, its largest dot product with any of the queries; valid until the next call. */
  bestDots(queries: Int8Array[], count: number): Int32Array;
}

/** Room for `capacity` descriptors to start with, filled from `initial` (a snapshot's bytes) if given; it grows as needed. */
export function descriptorStore(capacity: number, initial?: Uint8Array): DescriptorStore {
  if (globalDimensions !== 64) throw new Error(`the shortlist kernel reads 64-number descriptors, not ${globalDimensions}`);
  const { memory, bestDots } = instantiate();
  let room = 0;

  function reserve(slots: number) {
    if (slots <= room) return;
    const next = Math.max(slots, room * 2, 1024);
    reserveBytes(memory, queryRegion + next * (globalDimensions + 4));
    room = next;
  }

  reserve(Math.max(capacity, (initial?.length ?? 0) / globalDimensions));
  if (initial) new Uint8Array(memory.buffer, queryRegion, initial.length).set(initial);

  return {
    set(slot, descriptor) {
      reserve(slot + 1);
      new Int8Array(memory.buffer, queryRegion + slot * globalDimensions, globalDimensions).set(descriptor);
    },
    move(from, to) {
      new Int8Array(memory.buffer).copyWithin(queryRegion + to * globalDimensions, queryRegion + from * globalDimensions, queryRegion + (from + 1) * globalDimensions);
    },
    bytes: (count) => new Uint8Array(memory.buffer, queryRegion, count * globalDimensions).slice(),
    bestDots(queries, count) {
      if (queries.length > maxQueries) throw new Error(`at most ${maxQueries} query descriptors, not ${queries.length}`);
      const widened = new Int16Array(memory.buffer, 0, queries.length * globalDimensions);
      queries.forEach((query, n) => widened.set(query, n * globalDimensions));
      const out = queryRegion + room * globalDimensions;
      bestDots(queries.length, queryRegion, count, out);
      return new Int32Array(memory.buffer, out, count);
    },
  };
}
