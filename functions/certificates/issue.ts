// Issues, reads and verifies due-diligence certificates of searches: only the organisation that searched may certify.
import { createPublicKey } from 'node:crypto';
import { signatureAlgorithm, type Certificate, type SearchRecord, type UnsignedCertificate, type Verification } from '../../schemas/certificates.ts';
import type { Caller } from '../../schemas/identity.ts';
import { NotFound } from '../http/errors.ts';
import { allowedOn } from '../http/permissions.ts';
import { derivedId } from '../matching/match-id.ts';
import type { Clock } from '../objects/model.ts';
import { signedBytes } from './canonical.ts';
import type { CertificateRepository, CertificateSigner, SearchRecords } from './model.ts';
import { verifyCertificate } from './verify.ts';

export interface CertificateDeps {
  searches: Pick<SearchRecords, 'get'>;
  certificates: CertificateRepository;
  signer: CertificateSigner;
  clock: Clock;
  /** The base URL of this registry's API: the certificate's issuer, and where it is verified. */
  issuer: string;
}

export const verificationUrl = (issuer: string, id: string) => `${issuer}/v1/certificates/${id}/verify`;

function outcomeOf(result: SearchRecord['result']): Certificate['result']['outcome'] {
  const hit = result.candidates.some((candidate) => 'restricted' in candidate || candidate.score >= result.alertThreshold);
  return hit ? 'candidates' : 'no-match';
}

async function signed(record: SearchRecord, id: string, deps: CertificateDeps): Promise<Certificate> {
  const unsigned: UnsignedCertificate = {
    id,
    issuedAt: deps.clock.now().toISOString(),
    issuer: deps.issuer,
    search: { id: record.id, at: record.at, by: { org: record.by.org, sub: record.by.sub }, query: record.query, registrySize: record.registrySize },
    result: { outcome: outcomeOf(record.result), ...record.result },
  };
  const value = await deps.signer.sign(signedBytes(unsigned));
  return { ...unsigned, signature: { alg: signatureAlgorithm, keyId: deps.signer.keyId, value: Buffer.from(value).toString('base64') } };
}

/** The certificate of a search, made on the first call; later calls (and a racing one) get that same certificate. */
export async function issueCertificate(searchId: string, caller: Caller, deps: CertificateDeps): Promise<{ certificate: Certificate; created: boolean }> {
  const record = await deps.searches.get(searchId, deps.clock.now());
  // Another organisation's search is as unknown as an expired one.
  if (!record || !allowedOn(caller, 'certificate.issue', record.by.org)) throw new NotFound(`No search ${searchId} of your organisation in the last 180 days`);
  // One certificate per search: its id is made from the search's.
  const id = derivedId(`certificate/${searchId}`);
  const existing = await deps.certificates.get(id);
  if (existing) return { certificate: existing, created: false };
  const certificate = await signed(record, id, deps);
  const stored = await deps.certificates.createOnce(certificate);
  return { certificate: stored, created: stored.signature.value === certificate.signature.value };
}

export async function readCertificate(id: string, caller: Caller, deps: Pick<CertificateDeps, 'certificates'>): Promise<Certificate> {
  const certificate = await deps.certificates.get(id);
  if (!certificate || !allowedOn(caller, 'certificate.read', certificate.search.by.org)) throw new NotFound(`No certificate ${id}`);
  return certificate;
}

/** Anyone may check a certificate the registry issued, by its id alone. */
export async function verifyIssued(id: string, deps: Pick<CertificateDeps, 'certificates' | 'signer'>): Promise<Verification> {
  const certificate = await deps.certificates.get(id);
  if (!certificate) throw new NotFound(`No certificate ${id}`);
  return verifyHanded(certificate, deps);
}

/** A certificate someone was handed, checked against the registry's key. */
export async function verifyHanded(document: Certificate, deps: Pick<CertificateDeps, 'signer'>): Promise<Verification> {
  return verifyCertificate(document, { pem: await deps.signer.publicKeyPem(), keyId: deps.signer.keyId });
}

/** The registry's public key, as PEM and as a JWK, for anyone who checks certificates offline. */
export async function publicKeyOf(signer: CertificateSigner) {
  const pem = await signer.publicKeyPem();
  const { kty, crv, x, y } = createPublicKey(pem).export({ format: 'jwk' });
  return { keyId: signer.keyId, alg: signatureAlgorithm, pem, jwk: { kty, crv, x, y } };
}
