// Says, in a live region, that the console has no network and what still works without it.
import { useApp } from '../app-context.ts';
import { hasExpired } from '../auth/session.ts';
import { useI18n } from '../i18n/i18n.ts';
import { useOnline } from '../offline/network.ts';

export function OfflineBanner() {
  const { t } = useI18n();
  const online = useOnline();
  const { session } = useApp();
  // The region is always there, so that screen readers announce the change when it fills.
  return (
    <div class={online ? 'offline-banner' : 'offline-banner shown'} role="status" aria-live="polite">
      {!online && <p>{t('offline.banner')}</p>}
      {!online && hasExpired(session) && <p>{t('offline.signInAgain')}</p>}
    </div>
  );
}
