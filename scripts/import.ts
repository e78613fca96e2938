// Bulk import from the terminal: reads a CSV, JSON lines or LIDO file, sends it to POST /v1/imports in batches at a
// bounded concurrency, uploads the photos named in it (a few at a time), and reports every rejected row. Re-running the
// same file skips what is already in (by inventory number) and resends the photos whose upload never arrived, so an
// interrupted import is resumed by running it again. `--dry-run` shows what would be stored and writes nothing.
// `npm run import -- --file thefts.csv --org <org> [--images ./photos/] [--mapping mapping.json] [--lang de] [--dry-run] [--quiet] [--url http://…]`
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { ImportMapping, maxImportRows, SourceFormat, type ImportBatchResult } from '../schemas/imports.ts';
import type { Caller } from '../schemas/identity.ts';
import type { ImageView } from '../schemas/object.ts';
import { decodeText, formatOfFile, readSource, type SourceFile, type UnreadableRow } from '../functions/imports/sources.ts';
import type { SourceRow } from '../functions/imports/rows.ts';
import { judgeRow } from '../functions/imports/import-batch.ts';
import { uploadNeverArrived } from '../functions/images/upload-window.ts';
import { apiClient, postToPresignedUpload } from '../test/support/api.ts';

const photoTypes: Record<string, string> = { '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.webp': 'image/webp' };

type Options = {
  file: string;
  format: SourceFormat;
  org: string | undefined;
  images: string | undefined;
  mapping: ImportMapping;
  url: string;
  token: string | undefined;
  batch: number;
  concurrency: number;
  photoConcurrency: number;
  quiet: boolean;
  dryRun: boolean;
};

async function optionsFrom(argv: string[]): Promise<Options> {
  const { values } = parseArgs({
    args: argv,
    options: {
      file: { type: 'string' },
      format: { type: 'string' },
      org: { type: 'string' },
      images: { type: 'string' },
      mapping: { type: 'string' },
      url: { type: 'string', default: process.env.REGISTRY_URL ?? 'http://127.0.0.1:3000' },
      token: { type: 'string', default: process.env.REGISTRY_TOKEN },
      batch: { type: 'string', default: String(maxImportRows) },
      concurrency: { type: 'string', default: '4' },
      'photo-concurrency': { type: 'string', default: '6' },
      lang: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
    },
  });
  if (!values.file) throw new Error('give --file <thefts.csv | records.jsonl | lido.xml>');
  const format = SourceFormat.safeParse(values.format ?? formatOfFile(values.file));
  if (!format.success) throw new Error(`say --format ${SourceFormat.options.join('|')}: the file's extension does not tell`);
  if (!values.token && !values.org && !values['dry-run']) throw new Error('give --org <org> (the local dev issuer signs for it) or --token <JWT>');
  const given = ImportMapping.parse(values.mapping ? JSON.parse(await readFile(values.mapping, 'utf8')) : {});
  // --lang is said for this file: it wins over the mapping's default, and a row's own language column over both.
  const mapping = values.lang ? { ...given, defaults: { ...given.defaults, lang: values.lang } } : given;
  const batch = Math.min(maxImportRows, Number(values.batch));
  return {
    file: values.file,
    format: format.data,
    org: values.org,
    images: values.images,
    mapping,
    url: values.url,
    token: values.token,
    batch,
    concurrency: Number(values.concurrency),
    photoConcurrency: Math.max(1, Number(values['photo-concurrency'])),
    quiet: values.quiet,
    dryRun: values['dry-run'],
  };
}

/** A progress bar on a terminal; in a log, a plain line every few seconds and at every tenth of the file. */
function progressOf(total: number) {
  const started = performance.now();
  if (process.stdout.isTTY) {
    const bar = new SingleBar({ format: 'import [{bar}] {value}/{total} rows | {rate} rows/s | ETA {eta_formatted} | {counts}', hideCursor: true });
    bar.start(total, 0, { rate: 0, counts: '' });
    return {
      update: (done: number, counts: string) => bar.update(done, { rate: Math.round(done / ((performance.now() - started) / 1000)), counts }),
      stop: () => bar.stop(),
    };
  }
  let lastLine = 0;
  let lastTenth = 0;
  return {
    update(done: number, counts: string) {
      const now = performance.now();
      const tenth = Math.floor((done * 10) / Math.max(1, total));
      if (now - lastLine < 2000 && tenth === lastTenth) return;
      lastLine = now;
      lastTenth = tenth;
      const rate = done / ((now - started) / 1000);
      const eta = rate > 0 ? Math.round((total - done) / rate) : 0;
      console.log(`import ${done}/${total} rows, ${Math.round(rate)} rows/s, ETA ${eta} s, ${counts}`);
    },
    stop: () => undefined,
  };
}

/** Runs tasks at most `bound` at a time, in the order they are asked for. */
function bounded(bound: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= bound) await new Promise<void>((resolve) => waiting.push(resolve));
    running += 1;
    try {
      return await task();
    } finally {
      running -= 1;
      waiting.shift()?.();
    }
  };
}

const rejectionLine = ({ row, fields }: UnreadableRow) => `row ${row}: ${fields.map((field) => `${field.path || 'record'} ${field.reason}`).join('; ')}`;

function ignoredLine({ columns }: SourceFile): string | undefined {
  const ignored = columns.filter(({ field }) => !field).map(({ column }) => column);
  return ignored.length > 0 ? `columns left out (no field for them, or ignored by the mapping): ${ignored.join(', ')}` : undefined;
}

/** What would be stored, and what would be refused, without writing anything. */
function dryRun(file: SourceFile) {
  console.log('columns:');
  for (const { column, field } of file.columns) console.log(`  ${column} -> ${field ?? '(left out)'}`);
  const judged = file.rows.map((row) => ({ row, judged: 'record' in row ? judgeRow(row.record) : { fields: row.fields } }));
  const stored = judged.flatMap(({ row, judged }) => ('data' in judged ? [{ row: row.row, ...('holder' in row && row.holder ? { holder: row.holder } : {}), record: judged.data }] : []));
  console.log(`first ${Math.min(5, stored.length)} records as they would be stored:`);
  for (const record of stored.slice(0, 5)) console.log(JSON.stringify(record, null, 2));
  const problems = judged.flatMap(({ row, judged }) => ('fields' in judged ? [{ row: row.row, fields: judged.fields }] : []));
  console.log(`problems: ${problems.length} of ${file.rows.length} rows would be refused`);
  const ignored = ignoredLine(file);
  if (ignored) console.log(`  ${ignored}`);
  for (const problem of problems) console.log(`  ${rejectionLine(problem)}`);
  console.log(`dry run: nothing was written; ${stored.length} rows would be sent`);
}

const busyAttempts = 6;
const pause = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

/** Sends again, a few times, a request whose connection failed (a busy machine resets some). */
async function persistently<T>(send: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if (attempt === busyAttempts) throw error;
      await pause(attempt);
    }
  }
}

/** The API client, sending again after the wait it asks for when it answers busy (503) or over the limit (429). */
function patientClient(url: string): ReturnType<typeof apiClient> {
  const api = apiClient(url);
  const call: typeof api.call = async (method, path, options) => {
    for (let attempt = 1; ; attempt++) {
      const reply = await persistently(() => api.call(method, path, options));
      if ((reply.status !== 503 && reply.status !== 429) || attempt === busyAttempts) return reply;
      await pause(Number(reply.headers.get('retry-after')) || attempt);
    }
  };
  return { ...api, call };
}

async function main() {
  const options = await optionsFrom(process.argv.slice(2));
  const api = patientClient(options.url);
  const importer: Caller = { sub: 'importer', org: options.org ?? '', role: 'museum' };
  const auth = options.token ? { bearer: options.token } : { as: importer };
  const started = performance.now();

  const file = readSource(options.format, decodeText(await readFile(options.file)), options.mapping);
  if (options.dryRun) return dryRun(file);
  const source = file.rows;
  const unreadable = source.filter((row): row is UnreadableRow => 'fields' in row);
  const rows = source.filter((row): row is SourceRow => 'record' in row);
  const imagesOf = new Map(rows.map((row) => [row.row, row.images]));
  const totals = { imported: 0, skipped: 0, rejected: unreadable.length, photos: 0, photoFailures: 0 };
  const rejected: UnreadableRow[] = [...unreadable];
  const progress = progressOf(source.length);
  let done = unreadable.length;
  const counts = () => `imported ${totals.imported}, skipped ${totals.skipped}, rejected ${totals.rejected}, photos ${totals.photos}`;

  const photoSlot = bounded(options.photoConcurrency);
  async function uploadPhotos(objectId: string, names: string[]) {
    await Promise.all(names.map((name) => photoSlot(() => uploadPhoto(objectId, name))));
  }
  async function uploadPhoto(objectId: string, name: string) {
    const contentType = photoTypes[extname(name).toLowerCase()];
    const bytes = options.images && contentType ? await readFile(join(options.images, name)).catch(() => undefined) : undefined;
    const grant = bytes && (await api.call('POST', `/v1/objects/${objectId}/images`, { ...auth, body: { contentType, filename: name } }));
    const uploaded = bytes && grant && grant.status === 201 ? await persistently(() => postToPresignedUpload(grant.body, bytes, contentType ?? '', name)).catch(() => 0) : 0;
    if (uploaded >= 200 && uploaded < 300) totals.photos += 1;
    else {
      totals.photoFailures += 1;
      const why = grant && grant.status === 201 ? `upload to storage failed (${uploaded || 'connection lost'})` : `upload refused (${grant ? grant.status : 'no grant'})`;
      console.error(`photo ${name} of object ${objectId}: ${bytes ? why : 'not found in --images or not JPEG, PNG or WebP'}`);
    }
  }

  // A row skipped because it is already in may have lost photos to an interrupted run or an upload that never arrived:
  // each photo of the row with no image of its name that is ready or still pending is sent again.
  async function resumePhotos(objectId: string, names: string[]) {
    const read = await api.call<{ images: ImageView[] }>('GET', `/v1/objects/${objectId}`, auth);
    if (read.status !== 200) return;
    const kept = (image: ImageView) => image.status !== 'rejected' || image.reason !== uploadNeverArrived;
    const arrived = new Set(read.body.images.filter(kept).map((image) => image.filename));
    // Photos uploaded before images kept their file name: the object's photo count stands for them.
    const unnamed = read.body.images.filter((image) => kept(image) && !image.filename).length;
    await uploadPhotos(objectId, names.filter((name) => !arrived.has(name)).slice(unnamed));
  }

  async function send(batch: SourceRow[]) {
    const reply = await api.call<ImportBatchResult>('POST', '/v1/imports', {
      ...auth,
      body: {
        ...(options.token && options.org ? { org: options.org } : {}),
        // Sent again after a 503, the batch's rows its first sending wrote still count as imported.
        sendingKey: randomUUID(),
        quiet: options.quiet,
        rows: batch.map(({ row, record, holder }) => ({ row, record, ...(holder ? { holder } : {}) })),
      },
    });
    if (reply.status !== 200) throw new Error(`POST /v1/imports answered ${reply.status}: ${JSON.stringify(reply.body)}`);
    const result = reply.body;
    totals.imported += result.imported.length;
    totals.skipped += result.skipped.length;
    totals.rejected += result.rejected.length;
    rejected.push(...result.rejected);
    await Promise.all([
      ...result.imported.map(({ row, id }) => uploadPhotos(id, imagesOf.get(row) ?? [])),
      ...result.skipped.flatMap(({ row, id }) => (id && (imagesOf.get(row) ?? []).length > 0 ? [resumePhotos(id, imagesOf.get(row) ?? [])] : [])),
    ]);
    done += batch.length;
    progress.update(done, counts());
  }

  const batches = Array.from({ length: Math.ceil(rows.length / options.batch) }, (_, n) => rows.slice(n * options.batch, (n + 1) * options.batch));
  let next = 0;
  const workers = Array.from({ length: Math.max(1, options.concurrency) }, async () => {
    while (next < batches.length) {
      const batch = batches[next++];
      if (batch) await send(batch);
    }
  });
  try {
    await Promise.all(workers);
  } finally {
    progress.stop();
  }

  for (const row of rejected.sort((a, b) => a.row - b.row)) console.error(rejectionLine(row));
  const ignored = ignoredLine(file);
  if (ignored) console.log(ignored);
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${options.file}: ${source.length} rows in ${seconds.toFixed(1)} s (${Math.round(source.length / seconds)} rows/s): ` +
      `imported ${totals.imported}, skipped ${totals.skipped} (already in), rejected ${totals.rejected}; photos uploaded ${totals.photos}, failed ${totals.photoFailures}`,
  );
  if (totals.skipped > 0) {
    console.log(
      `skipped: rows whose inventory number${rows.some((row) => row.holder) ? ' (of the same holder)' : ''} this organisation already registered, by an earlier run of a file or by hand; nothing of them was written, only missing photos sent`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
