// The organisation's subscriptions: what it hears about and where the alerts go; create, edit and end them.
import { useState } from 'preact/hooks';
import { ApiError } from '../api/client.ts';
import { useApp } from '../app-context.ts';
import { ErrorSummary } from '../components/error-summary.tsx';
import { useLoad } from '../components/use-load.ts';
import { useI18n } from '../i18n/i18n.ts';
import { SigningSecret } from './alerts/signing-secret.tsx';
import { deliveryOf, filterOf, newDraft, type Draft } from './alerts/subscription-draft.ts';
import { SubscriptionForm } from './alerts/subscription-form.tsx';
import { SubscriptionItem } from './alerts/subscription-item.tsx';

export default function Subscriptions() {
  const { api, session } = useApp();
  const { t } = useI18n();
  const list = useLoad(() => api.listSubscriptions(), []);
  const redLists = useLoad(() => api.redLists(), []);
  const [secret, setSecret] = useState<string>();
  const [message, setMessage] = useState<{ kind: 'success' | 'notice'; text: string }>();
  // A new key gives a fresh, empty form after each creation.
  const [formRound, setFormRound] = useState(0);

  const create = async (draft: Draft) => {
    const created = await api.createSubscription({ name: draft.name.trim(), delivery: deliveryOf(draft), filter: filterOf(draft) });
    setSecret(created.signingSecret);
    setMessage({ kind: 'success', text: t('subscriptions.created', { name: created.name }) });
    setFormRound((round) => round + 1);
    list.reload();
  };
  const changed = (outcome: 'saved' | 'deleted' | 'conflict') => {
    setMessage(outcome === 'conflict' ? { kind: 'notice', text: t('subscriptions.conflict') } : { kind: 'success', text: t(`subscriptions.${outcome}`) });
    list.reload();
  };

  if (list.error instanceof ApiError && list.error.status === 403) {
    return (
      <>
        <h1>{t('subscriptions.title')}</h1>
        <p class="card">{t('subscriptions.forbidden')}</p>
      </>
    );
  }
  return (
    <>
      <h1>{t('subscriptions.title')}</h1>
      <p class="help">{t('subscriptions.intro')}</p>
      {secret && <SigningSecret secret={secret} onDone={() => setSecret(undefined)} />}
      <div role="status">{message && <p class={message.kind}>{message.text}</p>}</div>
      <ErrorSummary error={list.error} />
      <section aria-labelledby="subscriptions-list">
        <h2 id="subscriptions-list">{t('subscriptions.listTitle')}</h2>
        {list.loading && !list.data && <p>{t('shell.loading')}</p>}
        {list.data?.items.length === 0 && <p class="card">{t('subscriptions.none')}</p>}
        {list.data && list.data.items.length > 0 && (
          <ul class="subscription-list">
            {list.data.items.map((subscription) => (
              <SubscriptionItem key={`${subscription.id}-${subscription.version}`} subscription={subscription} redLists={redLists.data?.items} onChanged={changed} />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="subscription-new" class="card subscription-new">
        <h2 id="subscription-new">{t('subscriptions.createTitle')}</h2>
        <SubscriptionForm key={formRound} initial={newDraft(session.role)} creating redLists={redLists.data?.items} save={create} />
      </section>
    </>
  );
}
