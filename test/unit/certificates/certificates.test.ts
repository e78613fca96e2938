// Issuing and verifying certificates with the local signer and in-memory stores: no emulator.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localSigner } from '../../../functions/adapters/local-signer.ts';
import { issueCertificate, readCertificate, verifyHanded } from '../../../functions/certificates/issue.ts';
import type { CertificateDeps } from '../../../functions/certificates/issue.ts';
import type { CertificateRepository, CertificateSigner } from '../../../functions/certificates/model.ts';
import { certificatePdf } from '../../../functions/certificates/pdf.ts';
import { verifyCertificate } from '../../../functions/certificates/verify.ts';
import { NotFound } from '../../../functions/http/errors.ts';
import { Certificate, SearchRecord } from '../../../schemas/certificates.ts';
import type { Caller } from '../../../schemas/identity.ts';
import { pdfText } from '../../support/pdf-text.ts';

const dealer: Caller = { sub: 'dealer-1', org: 'athens-auctions', role: 'market' };
const now = new Date('2026-12-01T10:00:00.000Z');

const search = SearchRecord.parse({
  id: '2f7c1a52-7d1e-4a8e-9b65-2c1c0a5d3e10',
  at: '2026-12-01T09:59:00.000Z',
  by: dealer,
  query: { text: 'Εικόνα Αγίου Νικολάου, ξύλο', lang: 'el', photoSha256: 'a'.repeat(64) },
  registrySize: 1234,
  result: {
    candidates: [{ restricted: true }, { objectId: '5b0c9b7e-3c1f-4d2a-8e0f-6a7b8c9d0e1f', score: 0.42, confidence: 'low' }],
    redLists: [],
    alertThreshold: 0.6,
  },
});

function memoryCertificates(): CertificateRepository {
  const stored = new Map<string, Certificate>();
  return {
    get: async (id) => stored.get(id),
    async createOnce(certificate) {
      if (!stored.has(certificate.id)) stored.set(certificate.id, certificate);
      return stored.get(certificate.id) as Certificate;
    },
  };
}

let dir: string;
let signer: CertificateSigner;
let other: CertificateSigner;
let deps: CertificateDeps;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'certificates-'));
  signer = await localSigner(join(dir, 'data', 'key.pem'));
  other = await localSigner(join(dir, 'other.pem'));
  deps = {
    searches: { get: async (id, at) => (id === search.id && at >= now ? search : undefined) },
    certificates: memoryCertificates(),
    signer,
    clock: { now: () => now },
    issuer: 'https://registry.example.org',
  };
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('due-diligence certificates', () => {
  it('sign a search so that the registry key verifies it', async () => {
    // Act
    const { certificate, created } = await issueCertificate(search.id, dealer, deps);
    const verification = await verifyHanded(certificate, deps);

    // Assert
    expect(created).toBe(true);
    expect(Certificate.parse(certificate)).toEqual(certificate);
    expect(certificate.search).toEqual({ id: search.id, at: search.at, by: { org: dealer.org, sub: dealer.sub }, query: search.query, registrySize: 1234 });
    expect(certificate.result.outcome).toBe('candidates');
    expect(verification).toEqual({ valid: true, reasons: [] });
  });

  it('keep a restricted candidate restricted', async () => {
    // Act
    const { certificate } = await issueCertificate(search.id, dealer, deps);

    // Assert
    expect(certificate.result.candidates[0]).toEqual({ restricted: true });
  });

  it('say no-match when nothing reaches the alert threshold', async () => {
    // Arrange
    const weak = SearchRecord.parse({ ...search, result: { ...search.result, candidates: [search.result.candidates[1]] } });
    const weakDeps = { ...deps, searches: { get: async () => weak }, certificates: memoryCertificates() };

    // Act
    const { certificate } = await issueCertificate(weak.id, dealer, weakDeps);

    // Assert
    expect(certificate.result.outcome).toBe('no-match');
  });

  it('are issued once per search: a second request gets the same certificate', async () => {
    // Act
    const first = await issueCertificate(search.id, dealer, deps);
    const second = await issueCertificate(search.id, { ...dealer, sub: 'dealer-2' }, deps);

    // Assert
    expect(second).toEqual({ certificate: first.certificate, created: false });
  });

  it("answer another organisation's search, and its certificate, as unknown", async () => {
    // Arrange
    const { certificate } = await issueCertificate(search.id, dealer, deps);
    const rival: Caller = { sub: 'x', org: 'rival-gallery', role: 'market' };

    // Act / Assert
    await expect(issueCertificate(search.id, rival, deps)).rejects.toBeInstanceOf(NotFound);
    await expect(readCertificate(certificate.id, rival, deps)).rejects.toBeInstanceOf(NotFound);
    await expect(readCertificate(certificate.id, { ...rival, role: 'admin' }, deps)).resolves.toEqual(certificate);
  });

  it('fail verification when a signed field is altered', async () => {
    // Arrange
    const { certificate } = await issueCertificate(search.id, dealer, deps);
    const altered = { ...certificate, result: { ...certificate.result, outcome: 'no-match' as const, candidates: [] } };

    // Act
    const verification = await verifyHanded(altered, deps);

    // Assert
    expect(verification.valid).toBe(false);
    expect(verification.reasons).toEqual([expect.stringContaining('changed after it was signed')]);
  });

  it("fail verification with another certificate's signature", async () => {
    // Arrange
    const { certificate } = await issueCertificate(search.id, dealer, deps);
    const weak = SearchRecord.parse({ ...search, id: '3f7c1a52-7d1e-4a8e-9b65-2c1c0a5d3e10' });
    const { certificate: another } = await issueCertificate(weak.id, dealer, { ...deps, searches: { get: async () => weak } });

    // Act
    const verification = await verifyHanded({ ...certificate, signature: another.signature }, deps);

    // Assert
    expect(verification).toEqual({ valid: false, reasons: [expect.stringContaining('does not match the content')] });
  });

  it('fail verification when signed with a different key, naming the key', async () => {
    // Arrange
    const { certificate } = await issueCertificate(search.id, dealer, { ...deps, signer: other, certificates: memoryCertificates() });

    // Act
    const verification = verifyCertificate(certificate, { pem: await signer.publicKeyPem(), keyId: signer.keyId });

    // Assert
    expect(verification.valid).toBe(false);
    expect(verification.reasons).toEqual([expect.stringContaining(`names the key ${other.keyId}`), expect.stringContaining('does not match the content')]);
  });

  it('fail verification, without throwing, when the signature is not DER at all', async () => {
    // Arrange
    const { certificate } = await issueCertificate(search.id, dealer, deps);

    // Act
    const verification = await verifyHanded({ ...certificate, signature: { ...certificate.signature, value: Buffer.from('forged').toString('base64') } }, deps);

    // Assert
    expect(verification.valid).toBe(false);
  });

  it('keep the local key across restarts, in its file', async () => {
    // Act
    const reloaded = await localSigner(join(dir, 'data', 'key.pem'));

    // Assert
    expect(reloaded.keyId).toBe(signer.keyId);
    expect(await reloaded.publicKeyPem()).toBe(await signer.publicKeyPem());
  });

  it('print as a one-page PDF, Greek query text included', async () => {
    // Arrange
    const { certificate } = await issueCertificate(search.id, dealer, deps);

    // Act
    const pdf = Buffer.from(await certificatePdf(certificate));

    // Assert
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(1);
  });

  it('print Greek, Cyrillic, Arabic and Chinese inscriptions in embedded font subsets, as written, never as <U+...>', async () => {
    // Arrange: a search for an object inscribed in four scripts, by an organisation whose name is Greek
    const inscriptions = ['Ο ΑΓΙΟΣ ΝΙΚΟΛΑΟΣ', 'Святой Николай Чудотворец', 'بسم الله الرحمن الرحيم', 'متحف الفن الإسلامي في القاهرة', '大清乾隆年製'];
    const museum: Caller = { sub: 'registrar-1', org: 'Μουσείο Κέρκυρας', role: 'museum' };
    const multilingual = SearchRecord.parse({
      ...search,
      id: '7d0c2b1e-5f4a-4c3b-9a8d-1e2f3a4b5c6d',
      by: museum,
      query: { text: `Icon, inscribed ${inscriptions[0]}; label ${inscriptions[1]}`, lang: 'en', structured: { inscriptions: inscriptions.slice(2) } },
    });
    const { certificate } = await issueCertificate(multilingual.id, museum, {
      ...deps,
      searches: { get: async (id, at) => (id === multilingual.id && at >= now ? multilingual : undefined) },
    });

    // Act
    const read = await pdfText(await certificatePdf(certificate));

    // Assert
    for (const inscription of [...inscriptions, 'Μουσείο Κέρκυρας']) expect(read.text).toContain(inscription);
    expect(read.text).not.toContain('<U+');
    expect(read.notdefShown).toBe(0);
    // Subsets: the Chinese font alone is megabytes whole.
    expect(read.embeddedFontBytes).toBeGreaterThan(0);
    expect(read.embeddedFontBytes).toBeLessThan(100_000);
  });
});
