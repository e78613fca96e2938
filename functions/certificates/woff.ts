// Unwraps a WOFF 1.0 font file into the TrueType or OpenType font it compresses.
import { inflateSync } from 'node:zlib';

/**
 * The plain TrueType font inside a WOFF 1.0 file (W3C WOFF, section 5): each table inflated with Node's zlib, which is
 * many times faster than the pure-JavaScript inflate fontkit would run on every document.
 */
export function sfntOf(woff: Buffer): Buffer {
  const numTables = woff.readUInt16BE(12);
  const tables = Array.from({ length: numTables }, (_, n) => {
    const entry = 44 + n * 20;
    const [offset, compLength, origLength] = [woff.readUInt32BE(entry + 4), woff.readUInt32BE(entry + 8), woff.readUInt32BE(entry + 12)];
    const stored = woff.subarray(offset, offset + compLength);
    return { tag: woff.subarray(entry, entry + 4), checksum: woff.readUInt32BE(entry + 16), data: compLength < origLength ? inflateSync(stored) : stored };
  });
  const log2 = Math.floor(Math.log2(numTables));
  const header = Buffer.alloc(12 + numTables * 16);
  woff.copy(header, 0, 4, 8); // the flavor: TrueType or CFF outlines
  header.writeUInt16BE(numTables, 4);
  header.writeUInt16BE(16 * 2 ** log2, 6);
  header.writeUInt16BE(log2, 8);
  header.writeUInt16BE(numTables * 16 - 16 * 2 ** log2, 10);
  const bodies: Buffer[] = [];
  let offset = header.length;
  tables.forEach((table, n) => {
    table.tag.copy(header, 12 + n * 16);
    header.writeUInt32BE(table.checksum, 12 + n * 16 + 4);
    header.writeUInt32BE(offset, 12 + n * 16 + 8);
    header.writeUInt32BE(table.data.length, 12 + n * 16 + 12);
    const padded = Buffer.alloc(Math.ceil(table.data.length / 4) * 4);
    table.data.copy(padded);
    bodies.push(padded);
    offset += padded.length;
  });
  return Buffer.concat([header, ...bodies]);
}
