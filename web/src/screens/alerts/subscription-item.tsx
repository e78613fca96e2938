// One subscription in words (delivery, filter, status), with its edit form and a confirmed delete.
import { useEffect, useRef, useState } from 'preact/hooks';
import type * as z from 'zod';
import type { SubscriptionView } from '../../../../schemas/alerts.ts';
import type { RedListsPage } from '../../../../schemas/red-lists.ts';
import { ApiError } from '../../api/client.ts';
import { useApp } from '../../app-context.ts';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { useI18n } from '../../i18n/i18n.ts';
import { useCountryName } from '../search/countries.ts';
import { draftOf, filterOf, type Draft } from './subscription-draft.ts';
import { SubscriptionForm } from './subscription-form.tsx';

type Subscription = z.output<typeof SubscriptionView>;
type RedList = z.output<typeof RedListsPage>['items'][number];

interface Props {
  subscription: Subscription;
  redLists: RedList[] | undefined;
  /** The list must be read again: after a change, a delete, or a 409 (someone else changed it). */
  onChanged: (outcome: 'saved' | 'deleted' | 'conflict') => void;
}

export function SubscriptionItem({ subscription, redLists, onChanged }: Props) {
  const { api } = useApp();
  const { t } = useI18n();
  const [mode, setMode] = useState<'view' | 'edit' | 'delete'>('view');
  const [error, setError] = useState<Error>();
  const item = useRef<HTMLLIElement>(null);
  const shown = useRef(false);

  // The buttons pressed disappear with the mode they belong to: put the focus where the user goes on.
  useEffect(() => {
    if (!shown.current) {
      shown.current = true;
      return;
    }
    const target = { view: '.actions button', edit: 'input', delete: '.confirm button.secondary' }[mode];
    item.current?.querySelector<HTMLElement>(target)?.focus();
  }, [mode]);

  const save = async (draft: Draft) => {
    try {
      await api.editSubscription(subscription.id, subscription.version, { name: draft.name.trim(), filter: filterOf(draft) });
      setMode('view');
      onChanged('saved');
    } catch (failure) {
      if (!(failure instanceof ApiError && failure.status === 409)) throw failure;
      setMode('view');
      onChanged('conflict');
    }
  };
  const remove = async () => {
    try {
      await api.deleteSubscription(subscription.id);
      onChanged('deleted');
    } catch (failure) {
      setError(failure as Error);
    }
  };

  return (
    <li class="card subscription" ref={item}>
      <h3>
        {subscription.name}{' '}
        <span class={subscription.status === 'active' ? 'badge ready' : 'badge pending'}>{t(`subscriptions.status.${subscription.status}`)}</span>
      </h3>
      {mode === 'edit' ? (
        <SubscriptionForm initial={draftOf(subscription)} creating={false} redLists={redLists} save={save} onCancel={() => setMode('view')} />
      ) : (
        <>
          <SubscriptionWords subscription={subscription} redLists={redLists} />
          <ErrorSummary error={error} />
          {mode === 'delete' ? (
            <div class="confirm" role="group" aria-label={t('subscriptions.deleteConfirm', { name: subscription.name })}>
              <p>
                <strong>{t('subscriptions.deleteConfirm', { name: subscription.name })}</strong>
              </p>
              <div class="actions">
                <button type="button" class="danger" onClick={() => void remove()}>
                  {t('subscriptions.deleteYes')}
                </button>
                <button type="button" class="secondary" onClick={() => setMode('view')}>
                  {t('subscriptions.deleteNo')}
                </button>
              </div>
            </div>
          ) : (
            <div class="actions">
              <button type="button" class="secondary" onClick={() => setMode('edit')}>
                {t('subscriptions.edit')}
              </button>
              <button type="button" class="secondary danger-text" onClick={() => setMode('delete')}>
                {t('subscriptions.delete')}
              </button>
            </div>
          )}
        </>
      )}
    </li>
  );
}

/** Where the alerts go and which ones, as a short list of facts. */
function SubscriptionWords({ subscription, redLists }: { subscription: Subscription; redLists: RedList[] | undefined }) {
  const { t, number, locale } = useI18n();
  const countryName = useCountryName();
  const { delivery, filter } = subscription;
  const target = delivery.type === 'email' ? delivery.address : delivery.type === 'webhook' ? delivery.url : delivery.type === 'sqs' ? delivery.queueArn : undefined;
  const redListTitle = (id: string) => redLists?.find((list) => list.id === id)?.title[locale] ?? id;
  const list = new Intl.ListFormat(locale, { type: 'unit' });
  return (
    <dl class="facts">
      <dt>{t('subscriptions.delivery')}</dt>
      <dd>
        {t(`subscriptions.delivery.${delivery.type}`)}
        {target && (
          <>
            {': '}
            <code dir="ltr">{target}</code>
          </>
        )}
      </dd>
      <dt>{t('subscriptions.events')}</dt>
      <dd>{list.format(filter.events.map((name) => t(`alerts.event.${name}`)))}</dd>
      <dt>{t('subscriptions.countries')}</dt>
      <dd>{filter.countries ? list.format(filter.countries.map(countryName)) : t('subscriptions.anyCountry')}</dd>
      <dt>{t('subscriptions.objectTypes')}</dt>
      <dd>{filter.objectTypes ? list.format(filter.objectTypes) : t('subscriptions.anyType')}</dd>
      {filter.minScore !== undefined && (
        <>
          <dt>{t('subscriptions.minScore')}</dt>
          <dd>{number(filter.minScore, { style: 'percent' })}</dd>
        </>
      )}
      {filter.redLists && (
        <>
          <dt>{t('subscriptions.redLists')}</dt>
          <dd>{list.format(filter.redLists.map(redListTitle))}</dd>
        </>
      )}
    </dl>
  );
}
