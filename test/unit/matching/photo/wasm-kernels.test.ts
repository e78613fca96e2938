// The photo matcher's SIMD kernels against the plain arithmetic they replace, and their text sources against the bytes
// they ship.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { descriptorStore } from '../../../../functions/matching/photo/descriptor-store.ts';
import { globalDimensions } from '../../../../functions/matching/photo/global-descriptor.ts';
import { wasm as hammingWasm } from '../../../../functions/matching/photo/hamming-match.wasm.ts';
import { kernelFrom, reserveBytes } from '../../../../functions/matching/photo/wasm-kernel.ts';
import { assembled, kernels } from '../../../../scripts/build-wasm.ts';
import { seededRandom } from '../../../fixtures/random.ts';

const random = seededRandom(11);
const descriptor = () => Int8Array.from({ length: globalDimensions }, () => Math.round(random() * 254) - 127);
const dot = (a: Int8Array, b: Int8Array) => a.reduce((sum, value, d) => sum + value * (b[d] as number), 0);
const bestOf = (queries: Int8Array[], stored: Int8Array) => Math.max(...queries.map((query) => dot(query, stored)));

describe('the descriptor store', () => {
  it('finds each stored descriptor its best dot product with the queries, as plain arithmetic does', () => {
    // Arrange: more than the store starts with, so it grows while filling
    const stored = Array.from({ length: 3000 }, descriptor);
    const queries = Array.from({ length: 4 }, descriptor);
    const store = descriptorStore(16);
    stored.forEach((value, slot) => store.set(slot, value));

    // Act
    const found = [...store.bestDots(queries, stored.length)];

    // Assert
    expect(found).toEqual(stored.map((value) => bestOf(queries, value)));
  });

  it('keeps a moved descriptor, and reads back a snapshot it was filled from', () => {
    // Arrange
    const stored = Array.from({ length: 5 }, descriptor);
    const store = descriptorStore(8);
    stored.forEach((value, slot) => store.set(slot, value));
    const query = [descriptor()];

    // Act
    store.move(4, 1);
    const copy = descriptorStore(0, store.bytes(4));

    // Assert
    expect([...copy.bestDots(query, 4)]).toEqual([stored[0], stored[4], stored[2], stored[3]].map((value) => bestOf(query, value as Int8Array)));
  });

});

describe('the keypoint matching kernel', () => {
  it('finds each keypoint its nearest and second-nearest on the other side, as plain bit counting does', () => {
    // Arrange: 256-bit descriptors, some near copies of others so that distances spread
    const words = (count: number) => Uint32Array.from({ length: count * 8 }, () => Math.floor(random() * 2 ** 32));
    const [queryWords, candidateWords] = [words(70), words(90)];
    for (let q = 0; q < 30; q++) candidateWords.set(queryWords.subarray(q * 8, q * 8 + 8).map((word) => word ^ (1 << (q % 32))), q * 24);
    const distance = (q: number, c: number) => {
      let bits = 0;
      for (let w = 0; w < 8; w++) for (let x = ((queryWords[q * 8 + w] as number) ^ (candidateWords[c * 8 + w] as number)) >>> 0; x; x >>>= 1) bits += x & 1;
      return bits;
    };
    const kernel = kernelFrom<{ matchBothWays(...args: number[]): void }>(hammingWasm)();
    const [rowsAt, columnsAt] = [160 * 32, 160 * 32 + 70 * 12];
    reserveBytes(kernel.memory, columnsAt + 90 * 8);
    new Uint32Array(kernel.memory.buffer, 0, queryWords.length).set(queryWords);
    new Uint32Array(kernel.memory.buffer, 70 * 32, candidateWords.length).set(candidateWords);
    new Int32Array(kernel.memory.buffer, columnsAt, 180).set(Array.from({ length: 180 }, (_, n) => (n % 2 ? 65535 : -1)));

    // Act
    kernel.matchBothWays(0, 70, 70 * 32, 90, rowsAt, columnsAt);

    // Assert
    const rows = new Int32Array(kernel.memory.buffer, rowsAt, 70 * 3);
    const columns = new Int32Array(kernel.memory.buffer, columnsAt, 90 * 2);
    for (let q = 0; q < 70; q++) {
      const sorted = Array.from({ length: 90 }, (_, c) => distance(q, c)).sort((a, b) => a - b);
      expect([distance(q, rows[q * 3] as number), rows[q * 3 + 1], rows[q * 3 + 2]]).toEqual([sorted[0], sorted[0], sorted[1]]);
    }
    for (let c = 0; c < 90; c++) {
      const nearest = Math.min(...Array.from({ length: 70 }, (_, q) => distance(q, c)));
      expect([distance(columns[c * 2] as number, c), columns[c * 2 + 1]]).toEqual([nearest, nearest]);
    }
  });
});

describe('the kernels as shipped', () => {
  it('are the bytes their text sources assemble to', async () => {
    for (const kernel of kernels) {
      // Act
      const rebuilt = await assembled(kernel);

      // Assert
      expect(await readFile(resolve(import.meta.dirname, '../../../..', `${kernel}.wasm.ts`), 'utf8')).toBe(rebuilt);
    }
  });
});
