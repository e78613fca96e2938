// Checks a certificate against the registry's public key: the signature, the key that made it, and nothing else is needed.
import { verify } from 'node:crypto';
import { signatureAlgorithm, type Verification } from '../../schemas/certificates.ts';
import { signedBytes } from './canonical.ts';

/** The key to check against; keyId is left out when only the PEM is known (a key file given to the offline check). */
export interface VerificationKey {
  pem: string;
  keyId?: string;
}

type Document = { signature?: { alg?: unknown; keyId?: unknown; value?: unknown } };

/** Valid only if the document carries an ECDSA_SHA_256 signature of this key over its canonical form. */
export function verifyCertificate(document: Document, key: VerificationKey): Verification {
  const { signature } = document;
  if (!signature || typeof signature.value !== 'string') return { valid: false, reasons: ['the certificate carries no signature'] };
  const reasons: string[] = [];
  if (signature.alg !== signatureAlgorithm) reasons.push(`the signature algorithm is ${String(signature.alg)}, not ${signatureAlgorithm}`);
  if (key.keyId !== undefined && signature.keyId !== key.keyId) {
    reasons.push(`it names the key ${String(signature.keyId)}, not the registry's key ${key.keyId}`);
  }
  let matches = false;
  try {
    matches = verify('sha256', signedBytes(document), key.pem, Buffer.from(signature.value, 'base64'));
  } catch {
    // A value that is not a DER signature at all throws: it matches nothing.
  }
  if (!matches) reasons.push('the signature does not match the content: the certificate was changed after it was signed, or the signature is not the registry\'s');
  return { valid: reasons.length === 0, reasons };
}
