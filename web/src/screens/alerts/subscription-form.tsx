// Creates or edits a subscription: its name, how alerts are delivered (on creation only) and what to hear about.
import { useState } from 'preact/hooks';
import type * as z from 'zod';
import type { RedListsPage } from '../../../../schemas/red-lists.ts';
import { useApp } from '../../app-context.ts';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { Field } from '../../components/field.tsx';
import { useI18n } from '../../i18n/i18n.ts';
import { CountryList } from '../search/country-select.tsx';
import { reasonAt } from '../objects/field-errors.ts';
import { eventsFor, type DeliveryType, type Draft, type EventName } from './subscription-draft.ts';

type RedList = z.output<typeof RedListsPage>['items'][number];

interface Props {
  initial: Draft;
  /** Creating chooses the delivery; an edit cannot change it. */
  creating: boolean;
  redLists: RedList[] | undefined;
  /** Sends the draft; a refusal it throws is shown beside the fields. */
  save: (draft: Draft) => Promise<void>;
  onCancel?: () => void;
}

export function SubscriptionForm({ initial, creating, redLists, save, onCancel }: Props) {
  const { session } = useApp();
  const { t, number, locale } = useI18n();
  const [draft, setDraft] = useState(initial);
  const [error, setError] = useState<Error>();
  const [saving, setSaving] = useState(false);
  const eventsError = reasonAt(error, 'filter.events', true);
  const redListsError = reasonAt(error, 'filter.redLists', true);
  const change = (next: Partial<Draft>) => setDraft((current) => ({ ...current, ...next }));
  const toggle = <T,>(list: T[], item: T, on: boolean) => (on ? [...list, item] : list.filter((other) => other !== item));

  const submit = async (event: Event) => {
    event.preventDefault();
    setSaving(true);
    setError(undefined);
    try {
      await save(draft);
    } catch (failure) {
      setError(failure as Error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form class="form subscription-form" onSubmit={submit} aria-label={creating ? t('subscriptions.createTitle') : t('subscriptions.editTitle', { name: initial.name })}>
      <ErrorSummary error={error} />
      <Field label={t('subscriptions.name')} help={t('subscriptions.nameHelp')} error={reasonAt(error, 'name', true)}>
        <input value={draft.name} required maxLength={200} onInput={(event) => change({ name: event.currentTarget.value })} />
      </Field>
      {creating && <DeliveryFields draft={draft} change={change} error={error} />}
      <fieldset class={eventsError ? 'has-error' : undefined}>
        <legend>{t('subscriptions.events')}</legend>
        {eventsFor(session.role).map((name: EventName) => (
          <label key={name} class="check">
            <input type="checkbox" checked={draft.events.includes(name)} onChange={(event) => change({ events: toggle(draft.events, name, event.currentTarget.checked) })} />
            {t(`alerts.event.${name}`)}
          </label>
        ))}
        {eventsError && <p class="field-error">{eventsError}</p>}
      </fieldset>
      <CountryList
        legend={t('subscriptions.countries')}
        help={t('subscriptions.countriesHelp')}
        error={reasonAt(error, 'filter.countries', true)}
        value={draft.countries}
        onChange={(countries) => change({ countries })}
      />
      <Field label={t('subscriptions.objectTypes')} help={t('subscriptions.objectTypesHelp')} error={reasonAt(error, 'filter.objectTypes', true)}>
        <input value={draft.objectTypes} onInput={(event) => change({ objectTypes: event.currentTarget.value })} />
      </Field>
      {draft.events.includes('match') && (
        <Field
          label={t('subscriptions.minScore')}
          help={draft.minScore === 0 ? t('subscriptions.minScoreAny') : t('subscriptions.minScoreAtLeast', { score: number(draft.minScore / 100, { style: 'percent' }) })}
          error={reasonAt(error, 'filter.minScore', true)}
        >
          <input type="range" min={0} max={100} step={5} value={draft.minScore} onInput={(event) => change({ minScore: Number(event.currentTarget.value) })} />
        </Field>
      )}
      {draft.events.includes('category-match') && (
        <fieldset class={redListsError ? 'has-error' : undefined}>
          <legend>{t('subscriptions.redLists')}</legend>
          <p class="help">{t('subscriptions.redListsHelp')}</p>
          {redLists?.map((list) => (
            <label key={list.id} class="check">
              <input type="checkbox" checked={draft.redLists.includes(list.id)} onChange={(event) => change({ redLists: toggle(draft.redLists, list.id, event.currentTarget.checked) })} />
              {list.title[locale]}
            </label>
          ))}
          {redListsError && <p class="field-error">{redListsError}</p>}
        </fieldset>
      )}
      <div class="actions">
        <button type="submit" disabled={saving}>
          {creating ? t('subscriptions.create') : t('subscriptions.save')}
        </button>
        {onCancel && (
          <button type="button" class="secondary" onClick={onCancel}>
            {t('subscriptions.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

interface DeliveryProps {
  draft: Draft;
  change: (next: Partial<Draft>) => void;
  error: Error | undefined;
}

/** Where alerts go: the feed by default, an email address, a webhook, or (advanced) an SQS queue. */
function DeliveryFields({ draft, change, error }: DeliveryProps) {
  const { t } = useI18n();
  const option = (type: DeliveryType) => (
    <label class="check">
      <input type="radio" name="delivery" value={type} checked={draft.delivery === type} onChange={() => change({ delivery: type })} />
      {t(`subscriptions.delivery.${type}`)}
    </label>
  );
  return (
    <fieldset>
      <legend>{t('subscriptions.delivery')}</legend>
      {option('feed')}
      {option('email')}
      {option('webhook')}
      <details open={draft.delivery === 'sqs'}>
        <summary>{t('subscriptions.advanced')}</summary>
        {option('sqs')}
      </details>
      {draft.delivery === 'email' && (
        <Field label={t('subscriptions.address')} error={reasonAt(error, 'delivery.address', true)}>
          <input type="email" required value={draft.address} onInput={(event) => change({ address: event.currentTarget.value })} />
        </Field>
      )}
      {draft.delivery === 'webhook' && (
        <Field label={t('subscriptions.url')} help={t('subscriptions.urlHelp')} error={reasonAt(error, 'delivery.url', true)}>
          <input type="url" required placeholder="https://" value={draft.url} onInput={(event) => change({ url: event.currentTarget.value })} />
        </Field>
      )}
      {draft.delivery === 'sqs' && (
        <Field label={t('subscriptions.queueArn')} help={t('subscriptions.queueArnHelp')} error={reasonAt(error, 'delivery.queueArn', true)}>
          <input required dir="ltr" value={draft.queueArn} onInput={(event) => change({ queueArn: event.currentTarget.value })} />
        </Field>
      )}
    </fieldset>
  );
}
