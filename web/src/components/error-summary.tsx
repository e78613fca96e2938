// The API's refusal in words: its message and, for a 400, each failing field with the reason the API gave.
import type { ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.ts';

export function ErrorSummary({ error }: { error: ApiError | Error | undefined }) {
  const { t } = useI18n();
  if (!error) return null;
  const fields = 'fields' in error ? error.fields : [];
  return (
    <div class="error-summary" role="alert">
      <p>
        <strong>{t('error.title')}</strong> {error.message}
      </p>
      {fields.length > 0 && (
        <ul>
          {fields.map((field) => (
            <li key={field.path}>
              <code>{field.path || t('error.wholeRequest')}</code> {field.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
