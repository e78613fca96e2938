// One sighting: where it was seen, its matching status (refreshed while pending), its matches and Red List warnings.
import { useEffect, useState } from 'preact/hooks';
import type * as z from 'zod';
import type { MatchView, SightingView } from '../../../schemas/matching.ts';
import { ApiError } from '../api/client.ts';
import { useApp } from '../app-context.ts';
import { ErrorSummary } from '../components/error-summary.tsx';
import { useLoad } from '../components/use-load.ts';
import { useI18n } from '../i18n/i18n.ts';
import { usePartialDate } from './objects/partial-date.ts';
import { useCountryName } from './search/countries.ts';
import { regionOf } from './search/located-photo.tsx';
import { MatchCard } from './search/match-card.tsx';
import { MatchReview } from './search/match-review.tsx';
import { previewOf } from './search/query-photo.tsx';
import { RedListHits } from './search/red-list-hits.tsx';
import { RestrictedCard } from './search/restricted-card.tsx';

const pollEveryMs = 2000;
type Match = z.output<typeof MatchView>;

export default function Sighting({ id }: { id: string }) {
  const { api } = useApp();
  const { t } = useI18n();
  const sighting = useLoad(() => api.getSighting(id), [id]);
  // Reviews made here, shown at once without reading the sighting again.
  const [reviewed, setReviewed] = useState<Record<string, Match>>({});

  useEffect(() => {
    if (sighting.data?.status !== 'pending') return;
    const timer = setTimeout(sighting.reload, pollEveryMs);
    return () => clearTimeout(timer);
  }, [sighting.data]);

  const data = sighting.data;
  if (!data) {
    return (
      <>
        <h1>{t('sighting.title')}</h1>
        {sighting.error ? <SightingError error={sighting.error} retry={sighting.reload} /> : <p role="status">{t('shell.loading')}</p>}
      </>
    );
  }
  const queryPhoto = previewOf(data.imageKeys?.[0]);
  // The region is on whichever photo matched best: drawn only when there is no doubt which one that is.
  const oneQueryPhoto = data.imageKeys?.length === 1;
  return (
    <>
      <h1>{t('sighting.title')}</h1>
      <SightingFacts sighting={data} />
      <RedListHits hits={data.redLists} />
      <section aria-labelledby="matches-title">
        <h2 id="matches-title">{t('sighting.matchesTitle')}</h2>
        {data.status === 'pending' && <p class="notice">{t('sighting.matching')}</p>}
        {data.status !== 'pending' && data.matches.length === 0 && <p class="card">{t('sighting.noMatches')}</p>}
        {data.matches.length > 0 && (
          <ol class="cards matches">
            {data.matches.map((found, index) => {
              if ('restricted' in found) return <RestrictedCard key={`restricted-${index}`} candidate={found} />;
              const match = reviewed[found.id] ?? found;
              return (
                <MatchCard key={match.id} objectId={match.objectId} score={match.score} confidence={match.confidence} reasons={match.reasons} queryPhoto={queryPhoto} queryRegion={oneQueryPhoto ? regionOf(match.reasons) : undefined}>
                  <MatchReview match={match} onReviewed={(next) => setReviewed((current) => ({ ...current, [next.id]: next }))} />
                </MatchCard>
              );
            })}
          </ol>
        )}
      </section>
    </>
  );
}

function SightingError({ error, retry }: { error: Error; retry: () => void }) {
  const { t } = useI18n();
  if (error instanceof ApiError && error.status === 404) return <p class="card">{t('sighting.notFound')}</p>;
  if (error instanceof ApiError && error.status === 403) return <p class="card">{t('sighting.forbidden')}</p>;
  return (
    <>
      <ErrorSummary error={error} />
      <button type="button" class="secondary" onClick={retry}>
        {t('sighting.retry')}
      </button>
    </>
  );
}

/** Where, when and how the object was seen, and the matching status, which screen readers hear when it changes. */
function SightingFacts({ sighting }: { sighting: z.output<typeof SightingView> }) {
  const { t, date } = useI18n();
  const countryName = useCountryName();
  const partialDate = usePartialDate();
  const where = [sighting.seenAt.place, countryName(sighting.seenAt.country)].filter(Boolean).join(', ');
  return (
    <div class="card sighting-facts">
      <p role="status" aria-live="polite">
        {t('sighting.status')} <span class={`badge sighting-${sighting.status}`}>{t(`sighting.status.${sighting.status}`)}</span>
      </p>
      <dl class="facts">
        <dt>{t('sighting.channel')}</dt>
        <dd>{t(`sighting.channel.${sighting.channel}`)}</dd>
        <dt>{t('sighting.seen')}</dt>
        <dd>{t('sighting.seenWhereWhen', { where, when: partialDate(sighting.seenAt.date) })}</dd>
        {sighting.sourceUrl && (
          <>
            <dt>{t('sighting.sourceUrl')}</dt>
            <dd>
              <a href={sighting.sourceUrl} target="_blank" rel="noopener noreferrer">
                {sighting.sourceUrl}
              </a>
            </dd>
          </>
        )}
        {sighting.text && (
          <>
            <dt>{t('search.text')}</dt>
            <dd lang={sighting.lang}>{sighting.text}</dd>
          </>
        )}
        <dt>{t('sighting.reportedBy')}</dt>
        <dd>{t('sighting.reportedByAt', { org: sighting.reportedBy.org, at: date(sighting.createdAt) })}</dd>
        <dt>{t('sighting.reference')}</dt>
        <dd>
          <code class="reference">{sighting.id}</code>
        </dd>
      </dl>
      {sighting.failure && <p class="error-summary">{t('sighting.failed', { reason: sighting.failure })}</p>}
    </div>
  );
}
