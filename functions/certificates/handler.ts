// HTTP entry point of due-diligence certificates: issue one for a search, read it as JSON or PDF, verify it, get the key.
import { dynamoCertificates, dynamoSearchRecords } from '../adapters/dynamo-certificates.ts';
import { kmsSigner } from '../adapters/kms-signer.ts';
import { localSigner } from '../adapters/local-signer.ts';
import { config } from '../config.ts';
import { apiDeps, deps } from '../deps.ts';
import { apiHandler, formatted, json } from '../http/api-handler.ts';
import { issueCertificate, publicKeyOf, readCertificate, verifyHanded, verifyIssued, type CertificateDeps } from './issue.ts';
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

export const handler = apiHandler<'certificates'>(
  {
    'POST /v1/certificates': async ({ body, caller }) => {
      const { certificate, created } = await issueCertificate(body.searchId, caller, certificateDeps);
      return json(created ? 201 : 200, certificate);
    },
    'GET /v1/certificates/public-key': async () => json(200, await publicKeyOf(certificateDeps.signer)),
    'POST /v1/certificates/verify': async ({ body }) => json(200, await verifyHanded(body, certificateDeps)),
    'GET /v1/certificates/{id}': async ({ params, caller }) => json(200, await readCertificate(params.id, caller, certificateDeps)),
    'GET /v1/certificates/{id}/pdf': async ({ params, caller }) =>
      formatted(200, await certificatePdf(await readCertificate(params.id, caller, certificateDeps)), 'application/pdf', {
        'content-disposition': `inline; filename="certificate-${params.id}.pdf"`,
      }),
    'GET /v1/certificates/{id}/verify': async ({ params }) => json(200, await verifyIssued(params.id, certificateDeps)),
  },
  apiDeps,
);
