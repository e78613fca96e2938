// One scored object, for a search candidate or a sighting's match: photos side by side, score, confidence and why.
import type { ComponentChildren } from 'preact';
import type * as z from 'zod';
import type { Confidence, PhotoRegion, Reason } from '../../../../schemas/matching.ts';
import type { ObjectSummary } from '../../../../schemas/object.ts';
import { useI18n } from '../../i18n/i18n.ts';
import { StatusBadge } from '../objects/status-badge.tsx';
import { LocatedPhoto } from './located-photo.tsx';
import { ObjectThumb, useObjectWhenVisible } from './object-preview.tsx';
import { Reasons } from './reasons.tsx';
import { Score } from './score.tsx';

interface Props {
  objectId: string;
  /** The object as a search returned it; a match carries only its id, so the card reads the object itself. */
  summary?: z.output<typeof ObjectSummary> | undefined;
  score: number;
  confidence: z.output<typeof Confidence>;
  reasons: z.output<typeof Reason>[];
  /** The photo searched with or reported, shown beside the object's own. */
  queryPhoto?: string | undefined;
  /** Where on that photo the object was found. */
  queryRegion?: z.output<typeof PhotoRegion> | undefined;
  /** What the card adds at its foot: a match's status and review. */
  children?: ComponentChildren;
}

export function MatchCard({ objectId, summary, score, confidence, reasons, queryPhoto, queryRegion, children }: Props) {
  const { t } = useI18n();
  const { ref, object, error } = useObjectWhenVisible(objectId);
  const known = summary ?? object;
  const title = known?.title ?? known?.objectType ?? t('match.untitled');
  return (
    <li class="card match-card" ref={ref}>
      <div class={queryPhoto ? 'compare' : 'compare single'}>
        {queryPhoto && <LocatedPhoto src={queryPhoto} region={queryRegion} />}
        <ObjectThumb object={object} title={title} caption={queryPhoto ? t('match.registeredPhoto') : undefined} />
      </div>
      <h3>
        <a href={`/objects/${objectId}`}>{title}</a>
      </h3>
      {known && (
        <p class="meta">
          {known.title && <span>{known.objectType}</span>}
          <StatusBadge status={known.status} />
        </p>
      )}
      {error && !known && <p class="help">{t('match.unreadable')}</p>}
      <Score score={score} confidence={confidence} />
      <Reasons reasons={reasons} />
      {children}
    </li>
  );
}
