// Every change to the object, newest first: who (the person only where the caller may know), what, and the status moves.
import { useApp } from '../../app-context.ts';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { useLoad } from '../../components/use-load.ts';
import { useI18n } from '../../i18n/i18n.ts';
import { descriptiveFields, type DescriptiveField } from './draft.ts';

const isDescriptive = (field: string): field is DescriptiveField => (descriptiveFields as readonly string[]).includes(field);

/** `version` reloads the history whenever the object changes. */
export function ObjectHistory({ id, version }: { id: string; version: number }) {
  const { api } = useApp();
  const { t, date } = useI18n();
  const history = useLoad(() => api.history(id), [id, version]);
  const entries = [...(history.data?.items ?? [])].reverse();
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">{t('history.heading')}</h2>
      <ErrorSummary error={history.error} />
      {history.loading && !history.data && <p>{t('shell.loading')}</p>}
      <ol class="history">
        {entries.map((entry) => (
          <li key={entry.version}>
            <p>
              <strong>{t(`history.${entry.change}`)}</strong> · {t('history.version', { version: entry.version })} · <time dateTime={entry.at}>{date(entry.at)}</time>
            </p>
            <p class="help">{t('history.by', { who: entry.by.sub ? `${entry.by.sub} (${entry.by.org})` : entry.by.org })}</p>
            {entry.from && entry.to && <p>{t('history.moved', { from: t(`status.${entry.from}`), to: t(`status.${entry.to}`) })}</p>}
            {entry.fields && entry.fields.length > 0 && (
              <p>{t('history.fields', { fields: entry.fields.map((field) => (isDescriptive(field) ? t(`field.${field}`) : field)).join(', ') })}</p>
            )}
            {entry.note && <blockquote>{entry.note}</blockquote>}
          </li>
        ))}
      </ol>
    </section>
  );
}
