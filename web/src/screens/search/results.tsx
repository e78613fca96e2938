// What a search found: its reference, Red List warnings, and the candidates best first.
import type * as z from 'zod';
import type { SearchResult } from '../../../../schemas/matching.ts';
import { useI18n } from '../../i18n/i18n.ts';
import { regionOf } from './located-photo.tsx';
import { MatchCard } from './match-card.tsx';
import { RedListHits } from './red-list-hits.tsx';
import { RestrictedCard } from './restricted-card.tsx';

interface Props {
  result: z.output<typeof SearchResult>;
  queryPhoto: string | undefined;
}

export function Results({ result, queryPhoto }: Props) {
  const { t } = useI18n();
  const count = result.candidates.length;
  return (
    <section class="results" aria-labelledby="results-title">
      <h2 id="results-title" tabIndex={-1}>
        {t('search.resultsTitle', { count })}
      </h2>
      <p class="help">
        {t('search.searchId')} <code class="reference">{result.searchId}</code>
      </p>
      <RedListHits hits={result.redLists} />
      {count === 0 ? (
        <p class="card">{t('search.noCandidates')}</p>
      ) : (
        <ol class="cards matches">
          {result.candidates.map((candidate, index) =>
            'restricted' in candidate ? (
              <RestrictedCard key={`restricted-${index}`} candidate={candidate} />
            ) : (
              <MatchCard
                key={candidate.objectId}
                objectId={candidate.objectId}
                summary={candidate.object}
                score={candidate.score}
                confidence={candidate.confidence}
                reasons={candidate.reasons}
                queryPhoto={queryPhoto}
                queryRegion={regionOf(candidate.reasons)}
              />
            ),
          )}
        </ol>
      )}
    </section>
  );
}
