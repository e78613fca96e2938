// A match's status and its review; the police confirm or reject an open match, with an optional note.
import { useState } from 'preact/hooks';
import type * as z from 'zod';
import type { MatchView } from '../../../../schemas/matching.ts';
import { useApp } from '../../app-context.ts';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { Field } from '../../components/field.tsx';
import { useI18n } from '../../i18n/i18n.ts';

type Match = z.output<typeof MatchView>;
// A museum reviews matches on its own objects from the object's screen; here the police (and admins) decide.
const reviewers = new Set(['police', 'admin']);

export function MatchReview({ match, onReviewed }: { match: Match; onReviewed: (match: Match) => void }) {
  const { api, session } = useApp();
  const { t, date } = useI18n();
  const [note, setNote] = useState('');
  const [error, setError] = useState<Error>();
  const [sending, setSending] = useState(false);

  const review = async (verdict: 'confirmed' | 'rejected') => {
    setSending(true);
    setError(undefined);
    try {
      onReviewed(await api.reviewMatch(match.id, { verdict, ...(note.trim() ? { note: note.trim() } : {}) }));
    } catch (failure) {
      setError(failure as Error);
    } finally {
      setSending(false);
    }
  };

  return (
    <div class="match-review">
      <p>
        {t('match.status')} <span class={`badge ${match.status}`}>{t(`match.status.${match.status}`)}</span>
      </p>
      {match.review && (
        <p class="help">
          {t('match.reviewedBy', { org: match.review.by.org, at: date(match.review.at) })}
          {match.review.note && <> — {match.review.note}</>}
        </p>
      )}
      {match.status === 'open' && reviewers.has(session.role) && (
        <div class="review-form">
          <ErrorSummary error={error} />
          <Field label={t('match.reviewNote')}>
            <input value={note} maxLength={2000} onInput={(event) => setNote(event.currentTarget.value)} />
          </Field>
          <div class="actions">
            <button type="button" disabled={sending} onClick={() => void review('confirmed')}>
              {t('match.confirm')}
            </button>
            <button type="button" class="danger" disabled={sending} onClick={() => void review('rejected')}>
              {t('match.reject')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
