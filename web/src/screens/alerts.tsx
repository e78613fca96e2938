// The organisation's alerts, newest first, arriving without a reload; new ones are highlighted and announced.
import { ApiError } from '../api/client.ts';
import { ErrorSummary } from '../components/error-summary.tsx';
import { useI18n } from '../i18n/i18n.ts';
import { AlertCard } from './alerts/alert-card.tsx';
import { useAlertFeed } from './alerts/use-alert-feed.ts';

export default function Alerts() {
  const { t } = useI18n();
  const feed = useAlertFeed();
  const forbidden = feed.error instanceof ApiError && feed.error.status === 403;
  return (
    <>
      <h1>{t('alerts.title')}</h1>
      {!forbidden && <p class="help">{t('alerts.intro')}</p>}
      <p class="visually-hidden" role="status" aria-live="polite">
        {feed.fresh.size > 0 ? t('alerts.arrived', { count: feed.fresh.size }) : ''}
      </p>
      {feed.loading && <p role="status">{t('shell.loading')}</p>}
      {forbidden && <p class="card">{t('alerts.forbidden')}</p>}
      {feed.error && !forbidden && <ErrorSummary error={feed.error} />}
      {feed.refreshError && <p class="notice">{t('alerts.refreshFailed')}</p>}
      {!feed.loading && !feed.error && feed.items.length === 0 && (
        <div class="card empty">
          <p>{t('alerts.empty')}</p>
          <p>
            <a href="/subscriptions">{t('alerts.manageSubscriptions')}</a>
          </p>
        </div>
      )}
      {feed.items.length > 0 && (
        <ol class="alert-feed" aria-label={t('alerts.title')}>
          {feed.items.map((alert) => (
            <AlertCard key={alert.alertId} alert={alert} fresh={feed.fresh.has(alert.alertId)} />
          ))}
        </ol>
      )}
      {feed.olderCursor && (
        <button type="button" class="secondary" disabled={feed.loadingOlder} onClick={feed.loadOlder}>
          {feed.loadingOlder ? t('shell.loading') : t('alerts.loadOlder')}
        </button>
      )}
    </>
  );
}
