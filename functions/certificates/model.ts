// The ports of certificates: the signing key, the searches kept to be certified, and the certificates issued.
import type { Certificate, SearchRecord } from '../../schemas/certificates.ts';

/** A P-256 key that signs with ECDSA over SHA-256 and answers with a DER signature (KMS in AWS, a PEM file locally). */
export interface CertificateSigner {
  readonly keyId: string;
  sign(bytes: Uint8Array): Promise<Uint8Array>;
  publicKeyPem(): Promise<string>;
}

/** Every search, kept for `searchRecordDays` so that the organisation that made it can have it certified. */
export interface SearchRecords {
  put(record: SearchRecord): Promise<void>;
  /** Undefined once the record has expired, even before DynamoDB's TTL has removed it. */
  get(id: string, now: Date): Promise<SearchRecord | undefined>;
}

export interface CertificateRepository {
  /** Stores it unless one with its id exists; answers the one stored either way. */
  createOnce(certificate: Certificate): Promise<Certificate>;
  get(id: string): Promise<Certificate | undefined>;
}

export const searchRecordDays = 180;
