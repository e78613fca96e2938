// Sign-in: locally, pick a role and an organisation and get a token from the dev issuer; in AWS, the hosted UI.
import { useState } from 'preact/hooks';
import type { Role } from '../../../schemas/identity.ts';
import { ApiError } from '../api/client.ts';
import { ErrorSummary } from '../components/error-summary.tsx';
import { LanguagePicker } from '../components/language-picker.tsx';
import type { ConsoleConfig } from '../config.ts';
import { useI18n } from '../i18n/i18n.ts';
import { useOnline } from '../offline/network.ts';
import { redirectToHostedUi } from './cognito.ts';

const roles: Role[] = ['museum', 'customs', 'police', 'market', 'public', 'admin'];
// Example organisations, one per role, so that a first try needs no typing.
const exampleOrg: Record<Role, string> = {
  museum: 'museum-of-corfu',
  customs: 'customs-piraeus',
  police: 'hellenic-police-art-squad',
  market: 'athens-auction-house',
  public: 'public',
  admin: 'registry-operators',
};

/** Said, in a live region, while the registry cannot be reached: before anyone has signed in, nothing else works. */
function Unreachable({ shown }: { shown: boolean }) {
  const { t } = useI18n();
  return (
    <div class={shown ? 'offline-banner shown' : 'offline-banner'} role="status" aria-live="polite">
      {shown && <p>{t('signIn.unreachable')}</p>}
    </div>
  );
}

export function SignIn({ config, onToken }: { config: ConsoleConfig; onToken: (token: string) => void }) {
  const { t } = useI18n();
  const [role, setRole] = useState<Role>('museum');
  const [org, setOrg] = useState(exampleOrg.museum);
  const [name, setName] = useState('');
  const [error, setError] = useState<ApiError>();
  // The probe of offline/network.ts may not have failed yet when a request does.
  const [requestFailed, setRequestFailed] = useState(false);
  const unreachable = !useOnline() || requestFailed;

  if (config.signIn.kind === 'cognito') {
    const cognito = config.signIn;
    return (
      <main id="main" class="sign-in">
        <h1>{t('shell.title')}</h1>
        <LanguagePicker />
        <Unreachable shown={unreachable} />
        <button type="button" disabled={unreachable} onClick={() => void redirectToHostedUi(cognito)}>
          {t('signIn.submit')}
        </button>
      </main>
    );
  }

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    const response = await fetch('/dev/tokens', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sub: name.trim() || `${role}-user`, org: org.trim(), role }),
    }).catch(() => undefined);
    setRequestFailed(!response);
    if (!response) return;
    const body = (await response.json()) as { token?: string; error?: ConstructorParameters<typeof ApiError>[1] };
    if (response.ok && body.token) onToken(body.token);
    else setError(new ApiError(response.status, body.error));
  };

  return (
    <main id="main" class="sign-in">
      <div class="sign-in-top">
        <h1>{t('shell.title')}</h1>
        <LanguagePicker />
      </div>
      <p>{t('signIn.devIntro')}</p>
      <Unreachable shown={unreachable} />
      <form onSubmit={submit} class="card form">
        <ErrorSummary error={error} />
        <label>
          {t('signIn.role')}
          <select
            name="role"
            value={role}
            onChange={(event) => {
              const next = event.currentTarget.value as Role;
              setRole(next);
              setOrg(exampleOrg[next]);
            }}
          >
            {roles.map((value) => (
              <option key={value} value={value}>
                {t(`role.${value}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('signIn.organisation')}
          <input name="org" value={org} required onInput={(event) => setOrg(event.currentTarget.value)} />
        </label>
        <label>
          {t('signIn.name')}
          <input name="sub" value={name} placeholder={`${role}-user`} onInput={(event) => setName(event.currentTarget.value)} />
        </label>
        <button type="submit">{t('signIn.submit')}</button>
      </form>
    </main>
  );
}
