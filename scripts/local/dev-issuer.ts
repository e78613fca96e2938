// The local stand-in for Cognito: an RS256 key pair kept in the data folder, a JWKS, and tokens on request.
import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import type { Caller } from '../../schemas/identity.ts';

export interface DevIssuer {
  issuer: string;
  audience: string;
  jwksUri: string;
  jwks: { keys: JWK[] };
  issue(caller: Caller): Promise<string>;
}

async function loadOrCreateKey(file: string): Promise<JWK> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as JWK;
  } catch {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const jwk = { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: 'RS256', use: 'sig' };
    await writeFile(file, JSON.stringify(jwk), { mode: 0o600 });
    return jwk;
  }
}

export async function startDevIssuer(options: { dataDir: string; baseUrl: string }): Promise<DevIssuer> {
  const privateJwk = await loadOrCreateKey(join(options.dataDir, 'dev-issuer-key.json'));
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = privateJwk;
  const signingKey = await importJWK(privateJwk, 'RS256');
  const issuer = `${options.baseUrl}/dev`;
  const audience = 'registry-local';
  return {
    issuer,
    audience,
    jwksUri: `${issuer}/.well-known/jwks.json`,
    jwks: { keys: [publicJwk] },
    issue: (caller) =>
      new SignJWT({ org: caller.org, role: caller.role })
        .setProtectedHeader({ alg: 'RS256', kid: privateJwk.kid ?? '' })
        .setSubject(caller.sub)
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime('12h')
        .sign(signingKey),
  };
}
