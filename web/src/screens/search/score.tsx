// A score as a percentage with its confidence badge.
import type * as z from 'zod';
import type { Confidence } from '../../../../schemas/matching.ts';
import { useI18n } from '../../i18n/i18n.ts';

export function Score({ score, confidence }: { score: number; confidence: z.output<typeof Confidence> }) {
  const { t, number } = useI18n();
  return (
    <p class="score">
      {/* Rounded down: 0.999 is not a certainty and must not read "100 %". */}
      <span>{t('match.score', { score: number(Math.floor(score * 100) / 100, { style: 'percent' }) })}</span>{' '}
      <span class={`badge ${confidence}`}>{t(`match.confidence.${confidence}`)}</span>
    </p>
  );
}
