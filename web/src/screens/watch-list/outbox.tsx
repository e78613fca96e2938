// The sightings reported from this device: waiting for the network, sent (with a link to the sighting and its
// matches), or refused by the registry with its reason.
import { useI18n } from '../../i18n/i18n.ts';
import type { OutboxItem, OutboxState } from '../../offline/db.ts';
import { removeFromOutbox } from '../../offline/outbox.ts';
import { useOnline } from '../../offline/network.ts';
import { useCountryName } from '../search/countries.ts';
import { useOutbox } from './use-outbox.ts';

const badgeOf: Record<OutboxState, string> = { pending: 'pending', sent: 'ready', failed: 'rejected' };

function OutboxEntry({ item, onRemove }: { item: OutboxItem; onRemove: () => void }) {
  const { t, date } = useI18n();
  const country = useCountryName();
  const seen = [item.report.seenAt.place, country(item.report.seenAt.country)].filter(Boolean).join(' · ');
  return (
    <li class="card outbox-item">
      <p>
        <span class={`badge ${badgeOf[item.state]}`}>{t(`outbox.state.${item.state}`)}</span>{' '}
        {t('outbox.reported', { at: date(item.createdAt), where: seen })}
      </p>
      {item.report.text && <p class="excerpt">{item.report.text}</p>}
      <p class="help">{t('outbox.photos', { count: item.photos.length })}</p>
      {item.state === 'sent' && item.sightingId && (
        <p>
          <a href={`/sightings/${item.sightingId}`}>{t('outbox.open')}</a>
        </p>
      )}
      {item.state === 'failed' && <p class="field-error">{t('outbox.refused', { reason: item.reason ?? '' })}</p>}
      {item.state === 'pending' && item.reason && <p class="help">{t('outbox.lastTry', { reason: item.reason })}</p>}
      {item.state !== 'pending' && (
        <button type="button" class="secondary" onClick={onRemove}>
          {t('outbox.remove')}
        </button>
      )}
    </li>
  );
}

export function Outbox() {
  const { t } = useI18n();
  const online = useOnline();
  const { store, items, send } = useOutbox();
  const pending = items.filter((item) => item.state === 'pending').length;
  return (
    <section aria-labelledby="field-outbox">
      <h2 id="field-outbox">{t('outbox.title')}</h2>
      <p class="help" aria-live="polite">
        {items.length === 0 ? t('outbox.empty') : pending > 0 && t(online ? 'outbox.pendingOnline' : 'outbox.pendingOffline', { count: pending })}
      </p>
      {pending > 0 && online && (
        <button type="button" class="secondary" onClick={send}>
          {t('outbox.send')}
        </button>
      )}
      <ul class="outbox">
        {items.map((item) => (
          <OutboxEntry key={item.key} item={item} onRemove={() => store && void removeFromOutbox(store, item.key)} />
        ))}
      </ul>
    </section>
  );
}
