// Reads the rows of a source file: CSV with a header, JSON lines (Object ID records or a collection's own shape), or
// LIDO XML; and says which column went to which field, so that a dry run can show it and a summary list the rest.
import type { ImportMapping, SourceFormat } from '../../schemas/imports.ts';
import type { FieldError } from '../http/errors.ts';
import { csvSource } from './csv-source.ts';
import { jsonSource } from './json-source.ts';
import { lidoSource } from './lido-source.ts';
import type { SourceRow } from './rows.ts';

/** A row that could not even be read as a record. */
export interface UnreadableRow {
  row: number;
  fields: FieldError[];
}

/** A column (a CSV header, a path into JSON lines) and the field it fills; no field: the registry has none for it. */
export interface ColumnUse {
  column: string;
  field?: string;
}

export interface SourceFile {
  rows: (SourceRow | UnreadableRow)[];
  columns: ColumnUse[];
}

export function formatOfFile(path: string): SourceFormat | undefined {
  const extension = path.toLowerCase().split('.').at(-1);
  if (extension === 'csv' || extension === 'tsv' || extension === 'txt') return 'csv';
  if (extension === 'jsonl' || extension === 'ndjson') return 'jsonl';
  if (extension === 'xml' || extension === 'lido') return 'lido';
  return undefined;
}

/**
 * A file's bytes as text: UTF-8 (with or without a byte-order mark), else Windows-1252, what a spreadsheet program on
 * Windows saves as "CSV" (a byte sequence that is not UTF-8 is almost never meant as UTF-8).
 */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** Every row of the file, in order; a row that is not even a record comes back with the reason. */
export function readSource(format: SourceFormat, text: string, mapping: ImportMapping): SourceFile {
  if (format === 'csv') return csvSource(text, mapping);
  if (format === 'jsonl') return jsonSource(text, mapping);
  return lidoSource(text, mapping);
}
