// Due-diligence certificates through the API on the local stack: a dealer searches, certifies, prints and verifies.
import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiClient } from '../support/api.ts';
import { caller } from '../fixtures/objects.ts';
import { photoJpeg } from '../fixtures/photos.ts';

const api = apiClient(inject('apiUrl'));
const run = randomUUID().slice(0, 8);
const dealer = caller('market', `athens-auctions-${run}`);
const rival = caller('market', `rival-gallery-${run}`);
const root = resolve(import.meta.dirname, '../..');

let photo: Buffer;
let search: any;
let certificate: any;
let dir: string;

async function offlineCheck(file: string, key: string) {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ['scripts/verify-certificate.ts', file, '--key', key], { cwd: root });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, stdout: failed.stdout };
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'certificates-'));
  photo = await photoJpeg(800, 600);
  const searched = await api.call('POST', '/v1/search', {
    as: dealer,
    body: { text: 'Post-Byzantine icon of Saint Nicholas on a gold ground, offered for consignment', lang: 'en', image: photo.toString('base64') },
  });
  expect(searched.status, JSON.stringify(searched.body)).toBe(200);
  search = searched.body;
  const issued = await api.call('POST', '/v1/certificates', { as: dealer, body: { searchId: search.searchId } });
  expect(issued.status, JSON.stringify(issued.body)).toBe(201);
  certificate = issued.body;
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('due-diligence certificates', () => {
  it('certify what was searched, by whom, against how many records, with the photo only as its SHA-256', () => {
    // Assert
    expect(certificate.search).toMatchObject({
      id: search.searchId,
      by: { org: dealer.org, sub: dealer.sub },
      query: { text: 'Post-Byzantine icon of Saint Nicholas on a gold ground, offered for consignment', lang: 'en', photoSha256: createHash('sha256').update(photo).digest('hex') },
    });
    expect(certificate.search.registrySize).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(certificate)).not.toContain(photo.toString('base64').slice(0, 100));
    expect(certificate.result.candidates).toEqual(
      search.candidates.map((candidate: any) => (candidate.restricted ? { restricted: true } : { objectId: candidate.objectId, score: candidate.score, confidence: candidate.confidence })),
    );
    expect(certificate.signature).toMatchObject({ alg: 'ECDSA_SHA_256' });
  });

  it('give the same certificate when the search is certified again', async () => {
    // Act
    const again = await api.call('POST', '/v1/certificates', { as: { ...dealer, sub: 'colleague' }, body: { searchId: search.searchId } });

    // Assert
    expect(again.status).toBe(200);
    expect(again.body).toEqual(certificate);
  });

  it('print as a PDF', async () => {
    // Act
    const reply = await fetch(`${inject('apiUrl')}/v1/certificates/${certificate.id}/pdf`, { headers: { authorization: `Bearer ${await api.token(dealer)}` } });
    const bytes = Buffer.from(await reply.arrayBuffer());

    // Assert
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('application/pdf');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('verify online, by id and as a document handed over, without a token', async () => {
    // Act
    const byId = await api.call('GET', `/v1/certificates/${certificate.id}/verify`);
    const handed = await api.call('POST', '/v1/certificates/verify', { body: certificate });

    // Assert
    expect(byId).toMatchObject({ status: 200, body: { valid: true, reasons: [] } });
    expect(handed).toMatchObject({ status: 200, body: { valid: true, reasons: [] } });
  });

  it('refuse an altered copy and a forged signature, saying why', async () => {
    // Arrange
    // The outcome turned around, whichever it was: alone, this file's search finds nothing to match.
    const altered = { ...certificate, result: { ...certificate.result, outcome: certificate.result.outcome === 'no-match' ? 'candidates' : 'no-match' } };
    const forged = { ...certificate, signature: { ...certificate.signature, value: Buffer.from(randomUUID()).toString('base64') } };

    // Act
    const replies = await Promise.all([altered, forged].map((body) => api.call('POST', '/v1/certificates/verify', { body })));

    // Assert
    for (const reply of replies) {
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({ valid: false, reasons: [expect.stringContaining('does not match the content')] });
    }
  });

  it("are another organisation's to neither certify nor read", async () => {
    // Act
    const replies = await Promise.all([
      api.call('POST', '/v1/certificates', { as: rival, body: { searchId: search.searchId } }),
      api.call('GET', `/v1/certificates/${certificate.id}`, { as: rival }),
      api.call('GET', `/v1/certificates/${certificate.id}/pdf`, { as: rival }),
    ]);

    // Assert
    expect(replies.map((reply) => reply.status)).toEqual([404, 404, 404]);
  });

  it('verify offline with the published key, and reject an altered file', async () => {
    // Arrange
    const key = await api.call('GET', '/v1/certificates/public-key');
    const keyFile = join(dir, 'registry.pem');
    await writeFile(keyFile, key.body.pem);
    await writeFile(join(dir, 'genuine.json'), JSON.stringify(certificate, null, 2));
    await writeFile(join(dir, 'altered.json'), JSON.stringify({ ...certificate, search: { ...certificate.search, registrySize: 999_999 } }));

    // Act
    const genuine = await offlineCheck(join(dir, 'genuine.json'), keyFile);
    const fromUrl = await offlineCheck(join(dir, 'genuine.json'), `${inject('apiUrl')}/v1/certificates/public-key`);
    const tampered = await offlineCheck(join(dir, 'altered.json'), keyFile);

    // Assert
    expect(key.body).toMatchObject({ keyId: certificate.signature.keyId, alg: 'ECDSA_SHA_256', jwk: { kty: 'EC', crv: 'P-256' } });
    expect(genuine).toMatchObject({ code: 0, stdout: expect.stringContaining('valid') });
    expect(fromUrl.code).toBe(0);
    expect(tampered).toMatchObject({ code: 1, stdout: expect.stringContaining('NOT valid') });
  });
});
