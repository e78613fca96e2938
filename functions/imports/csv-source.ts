// CSV as spreadsheet programs write it: `,`, `;` or tab between fields (told from the header line), quoted fields
// with line breaks, a byte-order mark or none; a header line repeated inside the file is a header, not an object.
import { parse as parseCsv } from 'csv-parse/sync';
import type { ImportMapping } from '../../schemas/imports.ts';
import { fieldOf, recordOf, type SourceRow } from './rows.ts';
import type { SourceFile } from './sources.ts';

const delimiters = [',', ';', '\t'] as const;

/** The separator the header line uses most, outside quotes; a comma when it has none. */
export function delimiterOf(text: string): string {
  const counts = new Map<string, number>(delimiters.map((d) => [d, 0]));
  let quoted = false;
  for (const char of text.replace(/^\uFEFF/, '')) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  return [...counts].reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

const sameCell = (a: string | undefined, b: string | undefined) => (a ?? '').trim().toLowerCase() === (b ?? '').trim().toLowerCase();

// Row numbers as a spreadsheet shows them: the header is row 1.
export function csvSource(text: string, mapping: ImportMapping): SourceFile {
  const [headers = [], ...lines] = parseCsv(text, {
    delimiter: delimiterOf(text),
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    trim: true,
  }) as string[][];
  const fields = headers.map((header) => fieldOf(header, mapping));
  const rows: SourceRow[] = [];
  lines.forEach((cells, index) => {
    if (cells.length === headers.length && cells.every((cell, n) => sameCell(cell, headers[n]))) return;
    const filled = cells.flatMap((cell, n): [string, string][] => {
      const field = fields[n];
      return field ? [[field, cell]] : [];
    });
    rows.push(recordOf(filled, mapping, index + 2));
  });
  return { rows, columns: headers.map((column, n) => ({ column, ...(fields[n] ? { field: fields[n] } : {}) })) };
}
