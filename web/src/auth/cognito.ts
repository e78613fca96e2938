// Sign-in through the Cognito hosted UI: the authorization code flow with PKCE, which needs no client secret.
import type { ConsoleConfig } from '../config.ts';

type Cognito = Extract<ConsoleConfig['signIn'], { kind: 'cognito' }>;
const verifierKey = 'registry.pkce';

const base64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const redirectUri = () => `${location.origin}/`;

export async function redirectToHostedUi(cognito: Cognito): Promise<void> {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  sessionStorage.setItem(verifierKey, verifier);
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  const url = new URL('/oauth2/authorize', `https://${cognito.domain}`);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: cognito.clientId,
    redirect_uri: redirectUri(),
    scope: 'openid email profile',
    code_challenge_method: 'S256',
    code_challenge: challenge,
  }).toString();
  location.assign(url);
}

/** After the hosted UI sends the user back with ?code=: the ID token, which carries custom:org and the role's group. */
export async function finishHostedUiSignIn(cognito: Cognito): Promise<string | undefined> {
  const code = new URLSearchParams(location.search).get('code');
  const verifier = sessionStorage.getItem(verifierKey);
  if (!code || !verifier) return undefined;
  sessionStorage.removeItem(verifierKey);
  history.replaceState(null, '', location.pathname);
  const response = await fetch(`https://${cognito.domain}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: cognito.clientId, code, redirect_uri: redirectUri(), code_verifier: verifier }),
  });
  if (!response.ok) return undefined;
  const tokens = (await response.json()) as { id_token?: string };
  return tokens.id_token;
}
