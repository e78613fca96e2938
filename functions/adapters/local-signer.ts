// The local runtime's signing key: an ECDSA P-256 key in a PEM file of the data folder, made on first use, kept across restarts.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { CertificateSigner } from '../certificates/model.ts';

async function loadOrCreate(file: string): Promise<KeyObject> {
  try {
    return createPrivateKey(await readFile(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  await mkdir(dirname(file), { recursive: true });
  try {
    // wx: of two processes starting together, one writes the key and the other reads it.
    await writeFile(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { flag: 'wx', mode: 0o600 });
    return privateKey;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return createPrivateKey(await readFile(file, 'utf8'));
  }
}

export async function localSigner(file: string): Promise<CertificateSigner> {
  const privateKey = await loadOrCreate(file);
  const publicKey = createPublicKey(privateKey);
  const der = publicKey.export({ type: 'spki', format: 'der' });
  const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return {
    // Names the key by its own fingerprint, as a KMS key is named by its ARN.
    keyId: `local:${createHash('sha256').update(der).digest('hex').slice(0, 32)}`,
    // DER is node's default ECDSA signature encoding, the same as KMS returns.
    sign: async (bytes) => sign('sha256', bytes, privateKey),
    publicKeyPem: async () => pem,
  };
}
