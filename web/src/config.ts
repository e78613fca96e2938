// Where the API is and how people sign in: /config.json written by the CDK deployment, or the local defaults.
export interface ConsoleConfig {
  /** Prefix of the /v1 routes: '' when the API is on the console's own origin (npm start). */
  apiUrl: string;
  /** dev: the local issuer's sign-in page; cognito: the hosted UI of the user pool. */
  signIn: { kind: 'dev' } | { kind: 'cognito'; domain: string; clientId: string };
}

const local: ConsoleConfig = { apiUrl: '', signIn: { kind: 'dev' } };

export async function loadConfig(): Promise<ConsoleConfig> {
  const response = await fetch('/config.json', { cache: 'no-store' }).catch(() => undefined);
  if (!response?.ok || !response.headers.get('content-type')?.includes('json')) return local;
  return (await response.json()) as ConsoleConfig;
}
