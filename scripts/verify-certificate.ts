// `npm run verify-certificate -- <file.json> [--key <pem file or URL>]`: checks a certificate with node's crypto alone.
// Without --key the public key is fetched from the issuer named in the certificate; with a PEM file nothing is fetched.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { verifyCertificate, type VerificationKey } from '../functions/certificates/verify.ts';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { key: { type: 'string' } } });
const [file] = positionals;
if (!file) {
  console.error('usage: npm run verify-certificate -- <certificate.json> [--key <public key PEM file or URL>]');
  process.exit(2);
}

const certificate = JSON.parse(await readFile(file, 'utf8')) as { issuer?: unknown; signature?: { keyId?: unknown } };

/** A URL may serve GET /v1/certificates/public-key's JSON (which names the key) or a bare PEM. */
async function keyFrom(source: string): Promise<VerificationKey> {
  if (!/^https?:\/\//.test(source)) return { pem: await readFile(source, 'utf8') };
  const response = await fetch(source);
  if (!response.ok) throw new Error(`${source} answered ${response.status}`);
  const body = await response.text();
  if (body.trimStart().startsWith('-----BEGIN')) return { pem: body };
  const { pem, keyId } = JSON.parse(body) as { pem: string; keyId: string };
  return { pem, keyId };
}

const source = values.key ?? (typeof certificate.issuer === 'string' ? `${certificate.issuer}/v1/certificates/public-key` : undefined);
if (!source) {
  console.error('The certificate names no issuer: give the key with --key');
  process.exit(2);
}
const result = verifyCertificate(certificate, await keyFrom(source));
console.log(result.valid ? `valid: signed by ${String(certificate.signature?.keyId)}` : `NOT valid:\n${result.reasons.map((reason) => `- ${reason}`).join('\n')}`);
process.exit(result.valid ? 0 : 1);
