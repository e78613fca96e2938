// An import request: rows already read from a file (the terminal importer's batches), or a small file sent whole,
// read here with the same readers and imported in the same batches.
import type { Caller } from '../../schemas/identity.ts';
import { ImportMapping, maxFileRows, maxImportRows, type ImportBatchResult, type ImportRequest } from '../../schemas/imports.ts';
import { Invalid } from '../http/errors.ts';
import { importBatch, type ImportDeps } from './import-batch.ts';
import { readSource, type SourceFile, type UnreadableRow } from './sources.ts';
import type { SourceRow } from './rows.ts';

function rowsOfFile(file: NonNullable<ImportRequest['file']>): SourceFile {
  try {
    return readSource(file.format, file.content, file.mapping ?? ImportMapping.parse({}));
  } catch (error) {
    throw new Invalid(`The file cannot be read as ${file.format}`, [{ path: 'file.content', reason: (error as Error).message }]);
  }
}

export async function importRequest(request: ImportRequest, caller: Caller, deps: ImportDeps): Promise<ImportBatchResult> {
  const { org, quiet, rows, file, sendingKey } = request;
  const common = { ...(org ? { org } : {}), ...(sendingKey ? { sendingKey } : {}), quiet };
  if (rows) return importBatch({ ...common, rows }, caller, deps);
  if (!file) throw new Invalid('Give rows or a file', [{ path: 'rows', reason: 'give either rows or file' }]);

  const { rows: source, columns } = rowsOfFile(file);
  if (source.length > maxFileRows) {
    throw new Invalid('The file is too long for one request', [{ path: 'file.content', reason: `has ${source.length} rows, over the ${maxFileRows} one request takes: use npm run import` }]);
  }
  const readable = source.filter((row): row is SourceRow => 'record' in row);
  const ignoredColumns = columns.filter(({ field }) => !field).map(({ column }) => column);
  const result: ImportBatchResult = {
    imported: [],
    skipped: [],
    rejected: source.filter((row): row is UnreadableRow => 'fields' in row),
    ...(ignoredColumns.length > 0 ? { ignoredColumns } : {}),
  };
  for (let start = 0; start < readable.length; start += maxImportRows) {
    const batch = readable.slice(start, start + maxImportRows).map(({ row, record, holder }) => ({ row, record, ...(holder ? { holder } : {}) }));
    const done = await importBatch({ ...common, rows: batch }, caller, deps);
    result.imported.push(...done.imported);
    result.skipped.push(...done.skipped);
    result.rejected.push(...done.rejected);
  }
  result.rejected.sort((a, b) => a.row - b.row);
  return result;
}
