// Bulk import from the terminal: reads a CSV, JSON lines or LIDO file, sends it to POST /v1/imports in batches at a
// bounded concurrency, uploads the photos named in it, and reports every rejected row. Re-running the same file skips
// what is already in (by inventory number), so an interrupted import is resumed by running it again.
// `npm run import -- --file thefts.csv --org <org> [--images ./photos/] [--mapping mapping.json] [--quiet] [--url http://…]`
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { ImportMapping, maxImportRows, SourceFormat, type ImportBatchResult } from '../schemas/imports.ts';
import type { Caller } from '../schemas/identity.ts';
import { formatOfFile, readSource, type UnreadableRow } from '../functions/imports/sources.ts';
import type { SourceRow } from '../functions/imports/rows.ts';
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
  quiet: boolean;
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
      quiet: { type: 'boolean', default: false },
    },
  });
  if (!values.file) throw new Error('give --file <thefts.csv | records.jsonl | lido.xml>');
  const format = SourceFormat.safeParse(values.format ?? formatOfFile(values.file));
  if (!format.success) throw new Error(`say --format ${SourceFormat.options.join('|')}: the file's extension does not tell`);
  if (!values.token && !values.org) throw new Error('give --org <org> (the local dev issuer signs for it) or --token <JWT>');
  const mapping = ImportMapping.parse(values.mapping ? JSON.parse(await readFile(values.mapping, 'utf8')) : {});
  const batch = Math.min(maxImportRows, Number(values.batch));
  return { file: values.file, format: format.data, org: values.org, images: values.images, mapping, url: values.url, token: values.token, batch, concurrency: Number(values.concurrency), quiet: values.quiet };
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

async function main() {
  const options = await optionsFrom(process.argv.slice(2));
  const api = apiClient(options.url);
  const importer: Caller = { sub: 'importer', org: options.org ?? '', role: 'museum' };
  const auth = options.token ? { bearer: options.token } : { as: importer };
  const started = performance.now();

  const source = readSource(options.format, await readFile(options.file, 'utf8'), options.mapping);
  const unreadable = source.filter((row): row is UnreadableRow => 'fields' in row);
  const rows = source.filter((row): row is SourceRow => 'record' in row);
  const imagesOf = new Map(rows.map((row) => [row.row, row.images]));
  const totals = { imported: 0, skipped: 0, rejected: unreadable.length, photos: 0, photoFailures: 0 };
  const rejected: UnreadableRow[] = [...unreadable];
  const progress = progressOf(source.length);
  let done = unreadable.length;
  const counts = () => `imported ${totals.imported}, skipped ${totals.skipped}, rejected ${totals.rejected}, photos ${totals.photos}`;

  async function uploadPhotos(objectId: string, names: string[]) {
    for (const name of names) {
      const contentType = photoTypes[extname(name).toLowerCase()];
      const bytes = options.images && contentType ? await readFile(join(options.images, name)).catch(() => undefined) : undefined;
      const grant = bytes && (await api.call('POST', `/v1/objects/${objectId}/images`, { ...auth, body: { contentType, filename: name } }));
      const uploaded = bytes && grant && grant.status === 201 ? await postToPresignedUpload(grant.body, bytes, contentType ?? '', name) : 0;
      if (uploaded >= 200 && uploaded < 300) totals.photos += 1;
      else {
        totals.photoFailures += 1;
        console.error(`photo ${name} of object ${objectId}: ${bytes ? `upload refused (${grant ? grant.status : 'no grant'})` : 'not found in --images or not JPEG, PNG or WebP'}`);
      }
    }
  }

  // A row skipped because it is already in may have lost its photos to an interrupted run: they are sent if it has none.
  async function resumePhotos(objectId: string, names: string[]) {
    const read = await api.call('GET', `/v1/objects/${objectId}`, auth);
    if (read.status === 200 && read.body.images.length === 0) await uploadPhotos(objectId, names);
  }

  async function send(batch: SourceRow[]) {
    const reply = await api.call<ImportBatchResult>('POST', '/v1/imports', {
      ...auth,
      body: { ...(options.token && options.org ? { org: options.org } : {}), quiet: options.quiet, rows: batch.map(({ row, record }) => ({ row, record })) },
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

  for (const { row, fields } of rejected.sort((a, b) => a.row - b.row)) {
    console.error(`row ${row}: ${fields.map((field) => `${field.path || 'record'} ${field.reason}`).join('; ')}`);
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${options.file}: ${source.length} rows in ${seconds.toFixed(1)} s (${Math.round(source.length / seconds)} rows/s): ` +
      `imported ${totals.imported}, skipped ${totals.skipped} (already in), rejected ${totals.rejected}; photos uploaded ${totals.photos}, failed ${totals.photoFailures}`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
