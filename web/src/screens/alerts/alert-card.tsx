// One alert: what happened, when, about which object, and the links to the object and the sighting in the console.
import type { Alert } from '../../../../schemas/alerts.ts';
import { useI18n } from '../../i18n/i18n.ts';
import { usePartialDate } from '../objects/partial-date.ts';
import { StatusBadge } from '../objects/status-badge.tsx';
import { useCountryName } from '../search/countries.ts';
import { Reasons } from '../search/reasons.tsx';
import { Score } from '../search/score.tsx';
import { RelativeTime } from './relative-time.tsx';

// Alerts carry API links (…/v1/objects/{id}); the console shows the same records at its own routes.
const objectRoute = (id: string) => `/objects/${id}`;
const sightingRoute = (id: string) => `/sightings/${id}`;

export function AlertCard({ alert, fresh }: { alert: Alert; fresh: boolean }) {
  const { t } = useI18n();
  const countryName = useCountryName();
  const partialDate = usePartialDate();
  const sighting = alert.match?.sighting ?? alert.category?.sighting;
  return (
    <li class={fresh ? 'card alert-card fresh' : 'card alert-card'}>
      <p class="alert-head">
        <span class={`badge event-${alert.event}`}>{t(`alerts.event.${alert.event}`)}</span>
        {fresh && <span class="badge new">{t('alerts.new')}</span>}
        <RelativeTime at={alert.occurredAt} />
      </p>
      <p class="summary" lang="en" dir="auto">
        {alert.summary}
      </p>
      {alert.object && (
        <p class="meta">
          <a href={objectRoute(alert.object.id)}>
            <strong>{alert.object.title ?? alert.object.objectType}</strong>
          </a>
          {alert.object.title && <span>{alert.object.objectType}</span>}
          <StatusBadge status={alert.object.status} />
          <span>{t('alerts.lostIn', { country: countryName(alert.object.country) })}</span>
        </p>
      )}
      {alert.statusChange && (
        <p>
          {t('alerts.statusChange', {
            from: t(`status.${alert.statusChange.from}`),
            to: t(`status.${alert.statusChange.to}`),
          })}
        </p>
      )}
      {alert.match && (
        <>
          <Score score={alert.match.score} confidence={alert.match.confidence} />
          <details>
            <summary>{t('match.reasons')}</summary>
            <Reasons reasons={alert.match.reasons} />
          </details>
        </>
      )}
      {alert.category && (
        <p lang="en" dir="auto">
          <strong>{alert.category.redList.title}</strong> — {alert.category.redList.why}
        </p>
      )}
      {sighting && (
        <p>
          {/* A search the registry kept has no place: it was not seen anywhere, only searched for. */}
          {sighting.channel === 'search'
            ? t('alerts.seenInSearch', { when: partialDate(sighting.seenAt.date) })
            : t('alerts.seen', {
                channel: t(`sighting.channel.${sighting.channel}`),
                where: [sighting.seenAt.place, countryName(sighting.seenAt.country)].filter(Boolean).join(', '),
                when: partialDate(sighting.seenAt.date),
              })}{' '}
          <a href={sightingRoute(sighting.id)}>{t('alerts.openSighting')}</a>
        </p>
      )}
    </li>
  );
}
