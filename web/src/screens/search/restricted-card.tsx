// A record the caller may not read matched: say so plainly, with the reference to quote to the police.
import type * as z from 'zod';
import type { RestrictedCandidate } from '../../../../schemas/matching.ts';
import { useI18n } from '../../i18n/i18n.ts';

export function RestrictedCard({ candidate }: { candidate: z.output<typeof RestrictedCandidate> }) {
  const { t } = useI18n();
  return (
    <li class="card restricted">
      <h3>{t('match.restrictedTitle')}</h3>
      <p>
        <strong>{t('match.restrictedAdvice')}</strong>
      </p>
      <p lang="en" dir="auto">{candidate.notice}</p>
      {candidate.reference && (
        <p>
          {t('match.reference')} <code class="reference">{candidate.reference}</code>
        </p>
      )}
    </li>
  );
}
