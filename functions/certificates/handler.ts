// HTTP entry point of due-diligence certificates: issue one for a search, read it as JSON or PDF, verify it, get the key.
import { createPublicKey } from 'node:crypto';
import { dynamoCertificates, dynamoSearchRecords } from '../adapters/dynamo-certificates.ts';
import { kmsSigner } from '../adapters/kms-signer.ts';
import { localSigner } from '../adapters/local-signer.ts';
import { config } from '../config.ts';
import { apiDeps, deps } from '../deps.ts';
import { apiHandler, json, type ApiResponse } from '../http/api-handler.ts';
import { securityHeaders } from '../http/security-headers.ts';
import { signatureAlgorithm } from '../../schemas/certificates.ts';
import { issueCertificate, readCertificate, verifyHanded, verifyIssued, type CertificateDeps } from './issue.ts';
import { certificatePdf } from './pdf.ts';
import type { CertificateSigner } from './model.ts';

function signer(): Promise<CertificateSigner> {
  const { signingKeyId, localSigningKeyFile } = config();
  if (signingKeyId) return Promise.resolve(kmsSigner(signingKeyId));
  if (localSigningKeyFile) return localSigner(localSigningKeyFile);
  throw new Error('The certificates function needs SIGNING_KEY_ID (KMS) or LOCAL_SIGNING_KEY_FILE');
}

const issuer = config().apiUrl;
if (!issuer) throw new Error('The certificates function needs API_URL: certificates name it as their issuer');

const certificateDeps: CertificateDeps = {
  searches: dynamoSearchRecords(config().tableName),
  certificates: dynamoCertificates(config().tableName),
  signer: await signer(),
  clock: deps.clock,
  issuer,
};

function pdf(bytes: Uint8Array, id: string): ApiResponse {
  return {
    statusCode: 200,
    headers: { ...securityHeaders, 'content-type': 'application/pdf', 'content-disposition': `inline; filename="certificate-${id}.pdf"` },
    body: Buffer.from(bytes).toString('base64'),
    isBase64Encoded: true,
  };
}

export const handler = apiHandler<'certificates'>(
  {
    'POST /v1/certificates': async ({ body, caller }) => {
      const { certificate, created } = await issueCertificate(body.searchId, caller, certificateDeps);
      return json(created ? 201 : 200, certificate);
    },
    'GET /v1/certificates/public-key': async () => {
      const pem = await certificateDeps.signer.publicKeyPem();
      const { kty, crv, x, y } = createPublicKey(pem).export({ format: 'jwk' });
      return json(200, { keyId: certificateDeps.signer.keyId, alg: signatureAlgorithm, pem, jwk: { kty, crv, x, y } });
    },
    'POST /v1/certificates/verify': async ({ body }) => json(200, await verifyHanded(body, certificateDeps)),
    'GET /v1/certificates/{id}': async ({ params, caller }) => json(200, await readCertificate(params.id, caller, certificateDeps)),
    'GET /v1/certificates/{id}/pdf': async ({ params, caller }) => pdf(await certificatePdf(await readCertificate(params.id, caller, certificateDeps)), params.id),
    'GET /v1/certificates/{id}/verify': async ({ params }) => json(200, await verifyIssued(params.id, certificateDeps)),
  },
  apiDeps,
);
