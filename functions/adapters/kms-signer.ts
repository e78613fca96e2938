// The signing key in AWS: an asymmetric KMS key (ECC_NIST_P256) that never leaves KMS; its public key is served to verifiers.
import { createHash, createPublicKey } from 'node:crypto';
import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import type { CertificateSigner } from '../certificates/model.ts';

const kms = new KMSClient({});

export function kmsSigner(keyId: string): CertificateSigner {
  let publicKey: Promise<string> | undefined;
  return {
    keyId,
    async sign(bytes) {
      // RAW takes at most 4,096 bytes and a certificate can be longer (5,000 characters of query text alone): KMS is
      // given the SHA-256 digest, which ECDSA_SHA_256 signs exactly as it would have hashed the raw message.
      const digest = createHash('sha256').update(bytes).digest();
      const signed = await kms.send(new SignCommand({ KeyId: keyId, Message: digest, MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_256' }));
      if (!signed.Signature) throw new Error(`KMS returned no signature for ${keyId}`);
      return signed.Signature;
    },
    publicKeyPem() {
      // The public key never changes: one request per cold start.
      publicKey ??= kms
        .send(new GetPublicKeyCommand({ KeyId: keyId }))
        .then((answer) => {
          if (!answer.PublicKey) throw new Error(`KMS returned no public key for ${keyId}`);
          return createPublicKey({ key: Buffer.from(answer.PublicKey), format: 'der', type: 'spki' }).export({ type: 'spki', format: 'pem' }).toString();
        })
        .catch((error: unknown) => {
          publicKey = undefined; // the next request tries again
          throw error;
        });
      return publicKey;
    },
  };
}
