// Bulk import from the terminal against the local stack, as a registrar runs it: a generated theft register with bad
// rows and photos, run twice, and a run killed half-way then resumed.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { table } from '../../infra/resources.ts';
import type { Caller } from '../../schemas/identity.ts';
import { apiClient } from '../support/api.ts';
import { spreadsheetHeader, theftRegisterCsv } from '../fixtures/import-files.ts';
import { photoJpeg } from '../fixtures/photos.ts';

const apiUrl = inject('apiUrl');
const api = apiClient(apiUrl);
const run = randomUUID().slice(0, 8);
let folder = '';

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'registry-import-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

interface Run {
  stdout: string;
  stderr: string;
  code: number | null;
}

/** Runs `npm run import` as a registrar would (the script itself, on this Node), optionally killing it midway. */
function importer(args: string[], killWhen?: (stdout: string) => boolean): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/import.ts', '--url', apiUrl, ...args], { env: { ...process.env, REGISTRY_TOKEN: '' } });
    const result: Run = { stdout: '', stderr: '', code: null };
    child.stdout.on('data', (chunk: Buffer) => {
      result.stdout += chunk.toString();
      if (killWhen?.(result.stdout)) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => (result.stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ ...result, code }));
  });
}

function summaryOf(stdout: string) {
  const found = /imported (\d+), skipped (\d+) \(already in\), rejected (\d+); photos uploaded (\d+), failed (\d+)/.exec(stdout);
  if (!found) throw new Error(`no summary in the output: ${stdout.slice(-500)}`);
  const [imported = 0, skipped = 0, rejected = 0, photos = 0, photoFailures = 0] = found.slice(1).map(Number);
  return { imported, skipped, rejected, photos, photoFailures };
}

/** Each rejected row with the first field its report names. */
const reportedRows = (stderr: string) => new Map([...stderr.matchAll(/^row (\d+): (\S+)/gm)].map((found) => [Number(found[1]), found[2] ?? '']));

/** The inventory numbers of every object of the organisation, read back through the API. */
async function inventoryOf(org: string): Promise<string[]> {
  const as: Caller = { sub: 'auditor', org, role: 'museum' };
  const numbers: string[] = [];
  let cursor: string | undefined;
  do {
    const path = `/v1/objects?org=${org}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    let page = await api.call('GET', path, { as });
    // A busy machine answers 503 with Retry-After: asked again after the wait, as any client should.
    for (let attempt = 1; page.status === 503 && attempt < 6; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, Number(page.headers.get('retry-after')) * 1000));
      page = await api.call('GET', path, { as });
    }
    expect(page.status).toBe(200);
    for (const item of page.body.items as { markings?: { kind: string; text: string }[] }[]) {
      numbers.push(...(item.markings ?? []).filter((marking) => marking.kind === 'inventory-number').map((marking) => marking.text));
    }
    cursor = page.body.cursor;
  } while (cursor);
  return numbers;
}

describe('npm run import', () => {
  it('imports 10,000 rows with 5% bad ones and 200 photos: every good row in, every bad row reported, nothing new the second time', async () => {
    // Arrange
    const org = `museum-import-${run}`;
    const { csv, bad, photoNames } = theftRegisterCsv({ rows: 10_000, badEvery: 20, photos: 200, prefix: `NAF${run}`, seed: 11 });
    const file = join(folder, 'nafplio-thefts.csv');
    const photos = join(folder, 'photos');
    await writeFile(file, csv);
    await mkdir(photos);
    const jpeg = await photoJpeg(480, 360);
    await Promise.all(photoNames.map((name) => writeFile(join(photos, name), jpeg)));

    // Act
    const first = await importer(['--file', file, '--images', photos, '--org', org, '--quiet']);
    const second = await importer(['--file', file, '--images', photos, '--org', org, '--quiet']);
    const numbers = await inventoryOf(org);

    // Assert
    expect(first.code, first.stderr.slice(-1000)).toBe(0);
    expect(summaryOf(first.stdout)).toEqual({ imported: 9_500, skipped: 0, rejected: 500, photos: 200, photoFailures: 0 });
    expect(reportedRows(first.stderr)).toEqual(bad);
    expect(summaryOf(second.stdout)).toEqual({ imported: 0, skipped: 9_500, rejected: 500, photos: 0, photoFailures: 0 });
    expect(numbers).toHaveLength(9_500);
    expect(new Set(numbers).size).toBe(9_500);
  }, 600_000);

  it('resumes an import killed half-way, creating nothing twice', async () => {
    // Arrange
    const org = `police-archive-${run}`;
    const { csv, bad } = theftRegisterCsv({ rows: 3_000, badEvery: 20, photos: 0, prefix: `ARC${run}`, seed: 12 });
    const file = join(folder, 'archive.csv');
    await writeFile(file, csv);
    const good = 3_000 - bad.size;

    // Act
    const killed = await importer(['--file', file, '--org', org, '--quiet', '--concurrency', '1'], (stdout) => [...stdout.matchAll(/^import (\d+)\//gm)].some((line) => Number(line[1]) >= 600));
    // A batch the server was writing when its client died lands a moment later.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const before = await inventoryOf(org);
    const resumed = await importer(['--file', file, '--org', org, '--quiet']);
    const after = await inventoryOf(org);

    // Assert
    expect(killed.code).toBeNull();
    expect(before.length).toBeGreaterThan(0);
    expect(before.length).toBeLessThan(good);
    const summary = summaryOf(resumed.stdout);
    expect(summary.imported + summary.skipped).toBe(good);
    expect(summary.skipped).toBe(before.length);
    expect(after).toHaveLength(good);
    expect(new Set(after).size).toBe(good);
  }, 600_000);
});

describe('npm run import of the files people have', () => {
  it('imports every good row of a 2,000-row spreadsheet with its own headers and no language, without a mapping file', async () => {
    // Arrange
    const org = `museum-sheet-${run}`;
    const { csv, bad } = theftRegisterCsv({ rows: 2_000, badEvery: 25, photos: 0, prefix: `SHE${run}`, seed: 14, columns: spreadsheetHeader });
    const file = join(folder, 'spreadsheet.csv');
    await writeFile(file, csv);

    // Act
    const imported = await importer(['--file', file, '--org', org, '--quiet']);

    // Assert
    expect(imported.code, imported.stderr.slice(-1000)).toBe(0);
    expect(summaryOf(imported.stdout)).toMatchObject({ imported: 2_000 - bad.size, rejected: bad.size });
    expect(reportedRows(imported.stderr)).toEqual(bad);
    expect(await inventoryOf(org)).toHaveLength(2_000 - bad.size);
  }, 300_000);

  it('imports a semicolon file in Windows-1252 with German headers and an unknown column, listing the column once; --dry-run writes nothing', async () => {
    // Arrange
    const org = `museum-gotha-${run}`;
    const text = `Inv.-Nr.;Objektart;Titel;Material;Abmessungen;Interne Notiz;Status;Datum des Diebstahls;Land\r\nG-${run}-1;Münze;Solidus;Gold;Ø 2,1 cm;Tresor 3;gestohlen;2026-11-02;DE\r\nG-${run}-2;Ikone;Heiliger Georg;Tempera, Holz;24 x 18 cm;Depot;gestohlen;2026-11-02;DE\r\n`;
    const file = join(folder, 'gotha.csv');
    await writeFile(file, Buffer.from(text, 'latin1'));

    // Act
    const dry = await importer(['--file', file, '--org', org, '--lang', 'de', '--dry-run']);
    const before = await inventoryOf(org);
    const imported = await importer(['--file', file, '--org', org, '--lang', 'de']);

    // Assert
    expect(dry.stdout).toContain('Objektart -> objectType');
    expect(dry.stdout).toContain('Interne Notiz -> (left out)');
    expect(dry.stdout).toContain('"title": "Heiliger Georg"');
    expect(dry.stdout).toContain('"height": 24');
    expect(before).toEqual([]);
    expect(summaryOf(imported.stdout)).toMatchObject({ imported: 2, rejected: 0 });
    expect(imported.stdout.match(/Interne Notiz/g)).toHaveLength(1);
    expect((await inventoryOf(org)).sort()).toEqual([`G-${run}-1`, `G-${run}-2`]);
  }, 120_000);

  it('imports a register of many holders whole: the same number of two collections is two objects, and says what skipped means', async () => {
    // Arrange
    const org = `national-register-${run}`;
    const file = join(folder, 'register.csv');
    await writeFile(
      file,
      ['Institution,Inventory No.,Type,Title,Status,Country', 'Museo Civico,001,icon,Madonna col Bambino,stolen,IT', 'Pinacoteca Comunale,001,icon,San Giorgio,stolen,IT', 'Museo Civico,f.n.,icon,Crocifisso,stolen,IT'].join('\n'),
    );

    // Act
    const first = await importer(['--file', file, '--org', org, '--lang', 'it']);
    const again = await importer(['--file', file, '--org', org, '--lang', 'it']);

    // Assert
    expect(summaryOf(first.stdout)).toMatchObject({ imported: 2, skipped: 0, rejected: 1 });
    expect(reportedRows(first.stderr)).toEqual(new Map([[4, 'markings']]));
    expect(summaryOf(again.stdout)).toMatchObject({ imported: 0, skipped: 2 });
    expect(again.stdout).toContain('skipped: rows whose inventory number (of the same holder) this organisation already registered');
    expect(await inventoryOf(org)).toEqual(['001', '001']);
  }, 120_000);

  it('resends on the next run a photo whose upload never arrived', async () => {
    // Arrange: an import whose photo grant was handed out but whose file never came, its link long expired
    const org = `museum-photos-${run}`;
    const as: Caller = { sub: 'importer', org, role: 'museum' };
    const number = `PH-${run}-1`;
    const file = join(folder, 'with-photo.csv');
    await writeFile(file, `inventoryNumber,objectType,title,status,incidentCountry,photos\n${number},icon,Saint Nicholas,stolen,GR,nicholas.jpg\n`);
    const photos = join(folder, 'photos-resend');
    await mkdir(photos);
    const first = await importer(['--file', file, '--org', org, '--quiet']);
    const [objectId = ''] = [...first.stderr.matchAll(/of object (\S+):/g)].map((found) => found[1]);
    const grant = await api.call('POST', `/v1/objects/${objectId}/images`, { as, body: { contentType: 'image/jpeg', filename: 'nicholas.jpg' } });
    const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: inject('dynamoEndpoint'), region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
    const { Items = [] } = await dynamo.send(new QueryCommand({ TableName: table.localName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `OBJ#${objectId}` } }));
    const image = Items.find((item) => item.sk === `IMG#${grant.body.imageId}`);
    await dynamo.send(new UpdateCommand({ TableName: table.localName, Key: { pk: image?.pk, sk: image?.sk }, UpdateExpression: 'SET #record.createdAt = :long', ExpressionAttributeNames: { '#record': 'record' }, ExpressionAttributeValues: { ':long': '2026-01-01T00:00:00.000Z' } }));
    await writeFile(join(photos, 'nicholas.jpg'), await photoJpeg(480, 360));

    // Act
    const again = await importer(['--file', file, '--images', photos, '--org', org, '--quiet']);
    const third = await importer(['--file', file, '--images', photos, '--org', org, '--quiet']);

    // Assert
    expect(first.stderr).toContain('nicholas.jpg');
    expect(summaryOf(again.stdout)).toMatchObject({ imported: 0, skipped: 1, photos: 1, photoFailures: 0 });
    expect(summaryOf(third.stdout)).toMatchObject({ skipped: 1, photos: 0 });
    const read = await api.call('GET', `/v1/objects/${objectId}`, { as });
    expect(read.body.images.map((shown: { filename?: string; status: string }) => [shown.filename, shown.status])).toEqual(
      expect.arrayContaining([['nicholas.jpg', 'rejected'], ['nicholas.jpg', expect.stringMatching(/pending|ready/)]]),
    );
  }, 120_000);
});

describe('POST /v1/imports with a file', () => {
  const registrar: Caller = { sub: 'registrar-1', org: `museum-file-${run}`, role: 'museum' };

  it('imports a small CSV sent whole, reporting its bad rows by row and field', async () => {
    // Arrange
    const { csv, bad } = theftRegisterCsv({ rows: 40, badEvery: 20, photos: 0, prefix: `FIL${run}`, seed: 13 });

    // Act
    const reply = await api.call('POST', '/v1/imports', { as: registrar, body: { file: { format: 'csv', content: csv } } });
    const again = await api.call('POST', '/v1/imports', { as: registrar, body: { file: { format: 'csv', content: csv } } });

    // Assert
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body.imported).toHaveLength(38);
    expect(new Map(reply.body.rejected.map((row: { row: number; fields: { path: string }[] }) => [row.row, row.fields[0]?.path]))).toEqual(bad);
    expect([again.body.imported.length, again.body.skipped.length]).toEqual([0, 38]);
  });

  it('lists the columns of a file sent whole that no field is known for', async () => {
    // Act
    const reply = await api.call('POST', '/v1/imports', {
      as: registrar,
      body: { file: { format: 'csv', content: `Inv.-Nr.;Objektart;Titel;Status;Land;Interne ID\nFIL-${run}-X;Ikone;Heiliger Georg;gestohlen;DE;77\n`, mapping: { defaults: { lang: 'de' } } } },
    });

    // Assert
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body).toMatchObject({ imported: [{ row: 2, inventoryNumber: `FIL-${run.toUpperCase()}-X` }], ignoredColumns: ['Interne ID'] });
  });

  it('answers 400 naming the field for a file that is not CSV, and for rows and a file together', async () => {
    // Act
    const broken = await api.call('POST', '/v1/imports', { as: registrar, body: { file: { format: 'csv', content: 'a,b\n"unclosed,1\n' } } });
    const both = await api.call('POST', '/v1/imports', { as: registrar, body: { rows: [{ row: 2, record: {} }], file: { format: 'jsonl', content: '{}' } } });

    // Assert
    expect([broken.status, broken.body.error.fields[0].path]).toEqual([400, 'file.content']);
    expect([both.status, both.body.error.fields[0].path]).toEqual([400, 'rows']);
  });
});
