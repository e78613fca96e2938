// The console shell: language, sign-in, the navigation of the caller's role, and the screens.
import { LocationProvider, Route, Router, lazy, useLocation } from 'preact-iso';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { createApi } from './api/client.ts';
import { AppContext, useApp } from './app-context.ts';
import { finishHostedUiSignIn } from './auth/cognito.ts';
import { mayOpen, savedSession, saveSession, sessionFrom, type Session } from './auth/session.ts';
import { SignIn } from './auth/sign-in.tsx';
import { LanguagePicker } from './components/language-picker.tsx';
import { OfflineBanner } from './components/offline-banner.tsx';
import type { ConsoleConfig } from './config.ts';
import { I18nContext, loadMessages, makeI18n, rememberLocale, useI18n, type Locale, type Messages } from './i18n/i18n.ts';
import { useNetworkWatch, useOnline } from './offline/network.ts';
import { useOutboxSender } from './offline/use-outbox-sender.ts';
import { areasOf, homeOf } from './roles.ts';

const ObjectList = lazy(() => import('./screens/object-list.tsx'));
const RegisterObject = lazy(() => import('./screens/register-object.tsx'));
const ObjectDetail = lazy(() => import('./screens/object-detail.tsx'));
const Search = lazy(() => import('./screens/search.tsx'));
const Sighting = lazy(() => import('./screens/sighting.tsx'));
const Alerts = lazy(() => import('./screens/alerts.tsx'));
const Subscriptions = lazy(() => import('./screens/subscriptions.tsx'));
const WatchList = lazy(() => import('./screens/watch-list.tsx'));

interface Props {
  config: ConsoleConfig;
  initial: { locale: Locale; messages: Messages };
}

export function Console({ config, initial }: Props) {
  const [language, setLanguage] = useState(initial);
  const [session, setSession] = useState<Session | undefined>(savedSession);

  const i18n = useMemo(
    () =>
      makeI18n(language.locale, language.messages, (locale) => {
        void loadMessages(locale).then((messages) => {
          rememberLocale(locale);
          setLanguage({ locale, messages });
        });
      }),
    [language],
  );

  const signIn = (token: string) => {
    const next = sessionFrom(token);
    saveSession(next);
    setSession(next);
  };
  const signOut = () => {
    saveSession(undefined);
    setSession(undefined);
  };

  useEffect(() => {
    if (config.signIn.kind !== 'cognito' || session) return;
    void finishHostedUiSignIn(config.signIn).then((token) => token && signIn(token));
  }, []);

  const api = useMemo(() => createApi({ baseUrl: config.apiUrl, token: () => session?.token, onUnauthorized: signOut }), [config.apiUrl, session]);
  useNetworkWatch(api.ping);
  const reachable = useOnline();

  return (
    <I18nContext.Provider value={i18n}>
      <LocationProvider>
        {mayOpen(session, reachable) ? (
          <AppContext.Provider value={{ api, session, signOut }}>
            <Shell session={session} signOut={signOut} />
          </AppContext.Provider>
        ) : (
          <SignIn config={config} onToken={signIn} />
        )}
      </LocationProvider>
    </I18nContext.Provider>
  );
}

function Shell({ session, signOut }: { session: Session; signOut: () => void }) {
  const { t } = useI18n();
  const { api } = useApp();
  useOutboxSender(api, session);
  const { path } = useLocation();
  const areas = areasOf(session.role);
  const links = [
    { area: 'objects', href: '/objects', label: t('nav.objects') },
    { area: 'register', href: '/objects/new', label: t('nav.register') },
    { area: 'search', href: '/search', label: t('nav.search') },
    { area: 'watch-list', href: '/watch-list', label: t('nav.watchList') },
    { area: 'alerts', href: '/alerts', label: t('nav.alerts') },
    { area: 'subscriptions', href: '/subscriptions', label: t('nav.subscriptions') },
  ] as const;
  return (
    <>
      <a class="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <header class="shell-header">
        <span class="brand">{t('shell.title')}</span>
        <nav aria-label={t('nav.label')}>
          <ul>
            {links
              .filter((link) => areas.includes(link.area))
              .map((link) => (
                <li key={link.href}>
                  <a href={link.href} aria-current={path === link.href ? 'page' : undefined}>
                    {link.label}
                  </a>
                </li>
              ))}
          </ul>
        </nav>
        <div class="shell-tools">
          <span class="who">{t('shell.signedInAs', { role: t(`role.${session.role}`), org: session.org })}</span>
          <LanguagePicker />
          <button type="button" class="link-button" onClick={signOut}>
            {t('shell.signOut')}
          </button>
        </div>
      </header>
      <OfflineBanner />
      <main id="main" tabIndex={-1}>
        <Router>
          <Route path="/objects" component={ObjectList} />
          <Route path="/objects/new" component={RegisterObject} />
          <Route path="/objects/:id" component={ObjectDetail} />
          <Route path="/search" component={Search} />
          <Route path="/sightings/:id" component={Sighting} />
          <Route path="/alerts" component={Alerts} />
          <Route path="/subscriptions" component={Subscriptions} />
          <Route path="/watch-list" component={WatchList} />
          <Route default component={() => <Home to={homeOf(session.role)} />} />
        </Router>
      </main>
    </>
  );
}

function Home({ to }: { to: string }) {
  const { route } = useLocation();
  useEffect(() => route(to, true), [to]);
  return null;
}
