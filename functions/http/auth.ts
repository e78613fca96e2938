// Verifies the bearer token against the issuer's JWKS and turns its claims into a Caller.
import { JwtVerifier } from 'aws-jwt-verify';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { TokenClaims, type Caller } from '../../schemas/identity.ts';
import { Unauthorized } from './errors.ts';

export type CallerVerifier = (authorization: string | undefined) => Promise<Caller>;

// aws-jwt-verify's default fetcher speaks only HTTPS; the local issuer is plain HTTP on loopback.
const fetcher = {
  fetch: async (uri: string) => {
    const response = await fetch(uri, { signal: AbortSignal.timeout(3000) });
    if (!response.ok) throw new Error(`JWKS fetch from ${uri} failed with ${response.status}`);
    return response.arrayBuffer();
  },
};

export function createCallerVerifier(jwt: { issuer: string; audience: string; jwksUri: string }): CallerVerifier {
  const verifier = JwtVerifier.create(
    { issuer: jwt.issuer, audience: jwt.audience, jwksUri: jwt.jwksUri },
    { jwksCache: new SimpleJwksCache({ fetcher }) },
  );
  return async (authorization) => {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) throw new Unauthorized();
    let payload: unknown;
    try {
      payload = await verifier.verify(token);
    } catch {
      throw new Unauthorized('The bearer token is invalid or expired');
    }
    const claims = TokenClaims.safeParse(payload);
    if (!claims.success) throw new Unauthorized('The bearer token does not name a user, an organisation and a role');
    return claims.data;
  };
}
