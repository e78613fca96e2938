// A new webhook's signing secret, shown this once: copy it now, the registry never shows it again.
import { useState } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n.ts';

export function SigningSecret({ secret, onDone }: { secret: string; onDone: () => void }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  return (
    <section class="notice signing-secret" role="alert" aria-labelledby="secret-title">
      <h2 id="secret-title">{t('subscriptions.secretTitle')}</h2>
      <p>{t('subscriptions.secretWarning')}</p>
      <p>
        <code class="secret" dir="ltr">
          {secret}
        </code>
      </p>
      <div class="actions">
        <button type="button" onClick={() => void navigator.clipboard.writeText(secret).then(() => setCopied(true))}>
          {t('subscriptions.secretCopy')}
        </button>
        <button type="button" class="secondary" onClick={onDone}>
          {t('subscriptions.secretDone')}
        </button>
        <span role="status">{copied ? t('subscriptions.secretCopied') : ''}</span>
      </div>
    </section>
  );
}
