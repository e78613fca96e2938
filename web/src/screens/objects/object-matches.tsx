// The sightings matched to this object, newest first: score, confidence, the reasons in plain words, where and when it
// was seen; the museum that owns it, police and admins confirm or reject each open match.
import { useState } from 'preact/hooks';
import { grants, permissions } from '../../../../infra/permissions.ts';
import type { ObjectMatch } from '../../../../schemas/matching.ts';
import type { ObjectView } from '../../../../schemas/object.ts';
import { useApp } from '../../app-context.ts';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { Field } from '../../components/field.tsx';
import { useI18n } from '../../i18n/i18n.ts';
import { useCountryName } from '../search/countries.ts';
import { Reasons } from '../search/reasons.tsx';
import { Score } from '../search/score.tsx';
import { usePartialDate } from './partial-date.ts';
import { usePages } from './use-pages.ts';

export function ObjectMatches({ object }: { object: ObjectView }) {
  const { api, session } = useApp();
  const { t } = useI18n();
  const matches = usePages((cursor) => api.objectMatches(object.id, { cursor }), [object.id]);
  const mayReview = grants(permissions['match.review'], session, object.orgId);
  return (
    <section aria-labelledby="matches-heading">
      <h2 id="matches-heading">{t('objectMatches.heading')}</h2>
      <p class="help">{t('objectMatches.help')}</p>
      <ErrorSummary error={matches.error} />
      {matches.loading && matches.items.length === 0 && <p>{t('shell.loading')}</p>}
      {!matches.loading && !matches.error && matches.items.length === 0 && <p>{t('objectMatches.none')}</p>}
      <ul class="cards match-list">
        {matches.items.map((match) => (
          <MatchCard key={match.id} match={match} mayReview={mayReview} onReviewed={(reviewed) => matches.replace((item) => item.id === match.id, reviewed)} />
        ))}
      </ul>
      {matches.more && (
        <button type="button" class="secondary" onClick={matches.more}>
          {t('objectMatches.more')}
        </button>
      )}
    </section>
  );
}

function MatchCard({ match, mayReview, onReviewed }: { match: ObjectMatch; mayReview: boolean; onReviewed: (match: ObjectMatch) => void }) {
  const { api, session } = useApp();
  const { t, date } = useI18n();
  const country = useCountryName();
  const partialDate = usePartialDate();
  const [note, setNote] = useState('');
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  // A sighting is read by the organisation that reported it and by investigators: link it for those who may open it.
  const mayOpenSighting = permissions['sighting.read'][session.role] === 'any';
  const seen = match.sighting;

  async function review(verdict: 'confirmed' | 'rejected') {
    setBusy(true);
    setError(undefined);
    try {
      const reviewed = await api.reviewMatch(match.id, { verdict, ...(note.trim() ? { note: note.trim() } : {}) });
      onReviewed({ ...reviewed, ...(match.sighting ? { sighting: match.sighting } : {}) });
    } catch (refused) {
      setError(refused as Error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <li class="card match">
      <Score score={match.score} confidence={match.confidence} />
      <p>
        <span class={`badge ${match.status}`}>{t(`match.status.${match.status}`)}</span> <span class="help">{t('objectMatches.found', { date: date(match.createdAt) })}</span>
      </p>
      {seen ? (
        <p>
          {t('objectMatches.seen', {
            channel: t(`objectMatches.channel.${seen.channel}`),
            place: [seen.seenAt.place, country(seen.seenAt.country)].filter(Boolean).join(', '),
            date: partialDate(seen.seenAt.date),
          })}
        </p>
      ) : (
        <p class="help">{t('objectMatches.sightingGone')}</p>
      )}
      {seen?.sourceUrl && (
        <p>
          <a href={seen.sourceUrl} target="_blank" rel="noopener noreferrer">
            {t('objectMatches.listing')}
          </a>
        </p>
      )}
      {mayOpenSighting && <a href={`/sightings/${match.sightingId}`}>{t('objectMatches.openSighting')}</a>}
      <Reasons reasons={match.reasons} />
      {match.review && (
        <p class="help">
          {t('match.reviewedBy', { org: match.review.by.org, at: date(match.review.at) })}
          {match.review.note && <> — {match.review.note}</>}
        </p>
      )}
      {mayReview && match.status === 'open' && (
        <div class="review">
          <ErrorSummary error={error} />
          <Field label={t('match.reviewNote')} help={t('objectMatches.note.help')}>
            <textarea rows={2} value={note} onInput={(event) => setNote(event.currentTarget.value)} />
          </Field>
          <div class="row actions">
            <button type="button" disabled={busy} onClick={() => review('confirmed')}>
              {t('match.confirm')}
            </button>
            <button type="button" class="danger" disabled={busy} onClick={() => review('rejected')}>
              {t('match.reject')}
            </button>
          </div>
        </div>
      )}
    </li>
  );
}
