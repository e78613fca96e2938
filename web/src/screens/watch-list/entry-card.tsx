// One object of the kept watch list: its kept thumbnail, what it is, where it was lost, and on demand the details that
// recognise it; with the score and reasons when a search found it.
import { useI18n } from '../../i18n/i18n.ts';
import type { KeptEntry } from '../../offline/db.ts';
import type { OfflineCandidate } from '../../offline/text-search.ts';
import { useDescribe } from '../objects/describe.ts';
import { usePartialDate } from '../objects/partial-date.ts';
import { StatusBadge } from '../objects/status-badge.tsx';
import { useCountryName } from '../search/countries.ts';
import { Reasons } from '../search/reasons.tsx';
import { Score } from '../search/score.tsx';
import { useObjectUrl } from './use-object-url.ts';

const detailFields = ['materials', 'measurements', 'inscriptions', 'markings'] as const;

export function EntryCard({ entry, candidate }: { entry: KeptEntry; candidate?: OfflineCandidate }) {
  const { t } = useI18n();
  const thumbnail = useObjectUrl(entry.thumbnail);
  const country = useCountryName();
  const partialDate = usePartialDate();
  const describe = useDescribe();
  const title = entry.title ?? entry.objectType;
  const lost = [entry.incident.place, country(entry.incident.country), entry.incident.date && partialDate(entry.incident.date)].filter(Boolean).join(' · ');
  return (
    <li class="card entry-card">
      {thumbnail ? (
        <img class="thumb" src={thumbnail} alt={t('match.photoOf', { title })} decoding="async" />
      ) : (
        <div class="thumb placeholder" role="img" aria-label={t('match.noPhoto')}>
          {t('match.noPhoto')}
        </div>
      )}
      <h3>{title}</h3>
      <p class="meta">
        {entry.title && <span>{entry.objectType}</span>} <StatusBadge status={entry.status} />
      </p>
      <p class="help">{t('watch.lost', { where: lost })}</p>
      {entry.notice && <p class="notice">{entry.notice}</p>}
      {candidate && (
        <>
          <Score score={candidate.score} confidence={candidate.confidence} />
          <Reasons reasons={candidate.reasons} />
        </>
      )}
      <details>
        <summary>{t('watch.details')}</summary>
        <p>{entry.description}</p>
        {entry.distinguishingFeatures && <p>{entry.distinguishingFeatures}</p>}
        <dl>
          {detailFields.map((field) => {
            // The entry carries every field these lines read: the rest of a full record is not needed.
            const lines = describe(field, entry as unknown as Parameters<typeof describe>[1]);
            return lines.length ? (
              <div key={field}>
                <dt>{t(`field.${field}`)}</dt>
                {lines.map((line) => (
                  <dd key={line}>{line}</dd>
                ))}
              </div>
            ) : null;
          })}
        </dl>
        {entry.truncated && <p class="help">{t('watch.truncated')}</p>}
        <a href={`/objects/${entry.id}`}>{t('watch.openRecord')}</a>
      </details>
    </li>
  );
}
