// Due-diligence certificates: what a search leaves on record, the signed certificate made from it, and its verification.
import * as z from 'zod';
import { Caller } from './identity.ts';
import { Confidence, StructuredQuery } from './matching.ts';
import { Id, LanguageTag, Timestamp } from './primitives.ts';
import { RedListHit } from './red-lists.ts';

export const signatureAlgorithm = 'ECDSA_SHA_256';

export const CertifiedQuery = z
  .strictObject({
    text: z.string().optional(),
    lang: LanguageTag.optional(),
    structured: StructuredQuery.optional(),
    photoSha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional()
      .meta({ description: 'SHA-256 (hex) of the photo searched with, exactly as sent; the photo itself is not kept' }),
  })
  .meta({ id: 'CertifiedQuery', description: 'What was searched for' });

export const CertifiedCandidate = z
  .union([
    z.strictObject({ objectId: Id, score: z.number().min(0).max(1), confidence: Confidence }),
    z.strictObject({ restricted: z.literal(true) }).meta({ description: 'A record the searcher may not read matched at or above the alert threshold' }),
  ])
  .meta({ id: 'CertifiedCandidate' });

const SearchOutcome = z.strictObject({
  candidates: z.array(CertifiedCandidate),
  redLists: z.array(RedListHit),
  alertThreshold: z.number(),
});

/** What the registry keeps of every search, for 180 days, so that it can be certified. */
export const SearchRecord = z.strictObject({
  id: Id,
  at: Timestamp,
  by: Caller,
  query: CertifiedQuery,
  registrySize: z.int().min(0),
  result: SearchOutcome,
});
export type SearchRecord = z.infer<typeof SearchRecord>;

export const CertificateSignature = z
  .strictObject({
    alg: z.literal(signatureAlgorithm),
    keyId: z.string().min(1).meta({ description: 'The registry key that signed it (GET /v1/certificates/public-key)' }),
    value: z.base64().meta({ description: 'DER-encoded ECDSA P-256 signature over the SHA-256 of the canonical form, base64' }),
  })
  .meta({ id: 'CertificateSignature' });

export const Certificate = z
  .strictObject({
    id: Id,
    issuedAt: Timestamp,
    issuer: z.string().meta({ description: 'The registry that issued it: the base URL of its API' }),
    search: z.strictObject({
      id: Id,
      at: Timestamp,
      by: z.strictObject({ org: z.string(), sub: z.string() }),
      query: CertifiedQuery,
      registrySize: z.int().min(0).meta({ description: 'How many records were searchable when the search ran' }),
    }),
    result: SearchOutcome.extend({
      outcome: z
        .enum(['no-match', 'candidates'])
        .meta({ description: 'candidates: at least one candidate scored at or above the alert threshold, or a restricted record matched' }),
    }),
    signature: CertificateSignature,
  })
  .meta({
    id: 'Certificate',
    description:
      'A due-diligence certificate. The signature covers the RFC 8785 (JCS) canonical JSON of every field but signature, as UTF-8',
  });
export type Certificate = z.infer<typeof Certificate>;
export type UnsignedCertificate = Omit<Certificate, 'signature'>;

export const IssueCertificate = z.strictObject({ searchId: Id.meta({ description: 'The searchId a search answered with' }) }).meta({ id: 'IssueCertificate' });
export const CertificateIdParam = z.strictObject({ id: Id });

export const Verification = z
  .strictObject({
    valid: z.boolean(),
    reasons: z.array(z.string()).meta({ description: 'Why it is not valid; empty when it is' }),
  })
  .meta({ id: 'Verification' });
export type Verification = z.infer<typeof Verification>;

export const PublicKey = z
  .strictObject({
    keyId: z.string(),
    alg: z.literal(signatureAlgorithm),
    pem: z.string().meta({ description: 'SubjectPublicKeyInfo, PEM' }),
    jwk: z.strictObject({ kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string(), y: z.string() }),
  })
  .meta({ id: 'CertificatePublicKey', description: 'The key that signs certificates, to verify them offline' });
