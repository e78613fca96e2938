// Exporting records as LIDO XML and Linked Art JSON-LD over HTTP, and `npm run export` for an organisation.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { RegisterObject } from '../../schemas/object-id.ts';
import type { Caller } from '../../schemas/identity.ts';
import { apiClient } from '../support/api.ts';
import { greekIcon, malianTerracotta } from '../fixtures/objects.ts';

const apiUrl = inject('apiUrl');
const api = apiClient(apiUrl);
const run = randomUUID().slice(0, 8);
const museum: Caller = { sub: 'registrar-1', org: `museum-kastoria-${run}`, role: 'museum' };
const otherMuseum: Caller = { sub: 'registrar-2', org: `museum-bamako-${run}`, role: 'museum' };
const market: Caller = { sub: 'monitor-1', org: `auction-watch-${run}`, role: 'market' };
const publicUser: Caller = { sub: 'visitor-1', org: 'public', role: 'public' };
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });

let icon: { id: string };
beforeAll(async () => {
  const reply = await api.call('POST', '/v1/objects', { as: museum, body: RegisterObject.parse({ ...greekIcon, policeReference: `KAS-${run}` }) });
  expect(reply.status).toBe(201);
  icon = reply.body;
});

describe('reading an object as LIDO or Linked Art', () => {
  it('answers LIDO 1.1 XML with the inventory number and the theft', async () => {
    // Act
    const reply = await api.call('GET', `/v1/objects/${icon.id}?format=lido`, { as: museum });

    // Assert
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(reply.headers.get('cache-control')).toBe('no-store');
    const record = parser.parse(reply.body)['lido:lidoWrap']['lido:lido'];
    expect(record['lido:lidoRecID']['#text']).toBe(icon.id);
    expect(record['lido:descriptiveMetadata']['lido:objectIdentificationWrap']['lido:repositoryWrap']['lido:repositorySet']['lido:workID']['#text']).toBe('ΚΑΣ 1187');
    expect(reply.body).toContain(`KAS-${run}`);
  });

  it('answers Linked Art JSON-LD named by the record URL', async () => {
    // Act
    const reply = await api.call('GET', `/v1/objects/${icon.id}?format=jsonld`, { as: museum });

    // Assert
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('application/ld+json');
    expect(reply.body).toMatchObject({ '@context': 'https://linked.art/ns/v1/linked-art.json', id: `${apiUrl}/v1/objects/${icon.id}`, type: 'HumanMadeObject' });
  });

  it("leaves the police reference out of a market caller's export in every format", async () => {
    for (const format of ['json', 'lido', 'jsonld']) {
      // Act
      const reply = await api.call('GET', `/v1/objects/${icon.id}?format=${format}`, { as: market });

      // Assert
      expect(reply.status, format).toBe(200);
      expect(JSON.stringify(reply.body), format).not.toContain(`KAS-${run}`);
    }
  });

  it('answers 404 in every format for a record hidden from the caller', async () => {
    for (const format of ['json', 'lido', 'jsonld']) {
      // Act
      const reply = await api.call('GET', `/v1/objects/${icon.id}?format=${format}`, { as: publicUser });

      // Assert
      expect(reply.status, format).toBe(404);
      expect(reply.body.error.code, format).toBe('not-found');
    }
  });

  it('answers 400 naming the format for an unknown one', async () => {
    // Act
    const reply = await api.call('GET', `/v1/objects/${icon.id}?format=marc`, { as: museum });

    // Assert
    expect(reply.status).toBe(400);
    expect(reply.body.error.fields).toEqual([expect.objectContaining({ path: 'format' })]);
  });
});

describe('npm run export', () => {
  let outDir: string;
  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'export-'));
  });
  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  it("writes one lidoWrap with every record of the organisation and none of another's", async () => {
    // Arrange
    const second = await api.call('POST', '/v1/objects', { as: museum, body: RegisterObject.parse({ ...malianTerracotta, status: 'inventoried' }) });
    const foreign = await api.call('POST', '/v1/objects', { as: otherMuseum, body: malianTerracotta });
    const out = join(outDir, 'kastoria.xml');

    // Act
    const { stderr } = await promisify(execFile)(process.execPath, ['scripts/export.ts', '--org', museum.org, '--format', 'lido', '--out', out, '--api', apiUrl]);

    // Assert
    expect(stderr).toMatch(/exported 2 records in [\d.]+ s/);
    const records = parser.parse(await readFile(out, 'utf8'))['lido:lidoWrap']['lido:lido'] as { 'lido:lidoRecID': { '#text': string } }[];
    expect(records.map((record) => record['lido:lidoRecID']['#text']).sort()).toEqual([icon.id, second.body.id].sort());
    expect(records.map((record) => record['lido:lidoRecID']['#text'])).not.toContain(foreign.body.id);
  });
});
