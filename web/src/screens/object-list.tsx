// The organisation's objects, newest first, filtered by status, a page at a time; each with its thumbnail and status.
import { useState } from 'preact/hooks';
import type { ObjectStatus } from '../../../schemas/object-id.ts';
import { statusTransitions } from '../../../schemas/status-transitions.ts';
import { useApp } from '../app-context.ts';
import { ErrorSummary } from '../components/error-summary.tsx';
import { Field } from '../components/field.tsx';
import { useI18n } from '../i18n/i18n.ts';
import { ObjectThumbnail } from './objects/object-thumbnail.tsx';
import { StatusBadge } from './objects/status-badge.tsx';
import { usePages } from './objects/use-pages.ts';

const statuses = Object.keys(statusTransitions) as ObjectStatus[];

export default function ObjectList() {
  const { api, session } = useApp();
  const { t, date } = useI18n();
  const [status, setStatus] = useState<ObjectStatus | ''>('');
  const objects = usePages((cursor) => api.listObjects({ org: session.org, ...(status ? { status } : {}), cursor }), [session.org, status]);
  return (
    <>
      <div class="list-header">
        <h1>{t('list.heading')}</h1>
        <a class="button" href="/objects/new">
          {t('list.register')}
        </a>
      </div>
      <div class="status-filter">
        <Field label={t('list.filter')}>
          <select value={status} onChange={(event) => setStatus(event.currentTarget.value as ObjectStatus | '')}>
            <option value="">{t('list.allStatuses')}</option>
            {statuses.map((option) => (
              <option key={option} value={option}>
                {t(`status.${option}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <ErrorSummary error={objects.error} />
      {objects.loading && objects.items.length === 0 && <p>{t('shell.loading')}</p>}
      {!objects.loading && !objects.error && objects.items.length === 0 && (
        <div class="card empty">
          <p>{status ? t('list.noneWithStatus', { status: t(`status.${status}`) }) : t('list.none')}</p>
          <a href="/objects/new">{t('list.registerFirst')}</a>
        </div>
      )}
      <ul class="cards object-cards" aria-label={t('list.heading')}>
        {objects.items.map((object) => (
          <li key={object.id} class="card object-card">
            <ObjectThumbnail id={object.id} />
            <h2>
              <a href={`/objects/${object.id}`}>{object.title ?? object.objectType}</a>
            </h2>
            {object.title && <p class="help">{object.objectType}</p>}
            <p>
              <StatusBadge status={object.status} />
            </p>
            <p class="help">{t('list.updated', { date: date(object.updatedAt, 'date') })}</p>
          </li>
        ))}
      </ul>
      {objects.more && (
        <button type="button" class="secondary" onClick={objects.more}>
          {t('list.more')}
        </button>
      )}
      {objects.loading && objects.items.length > 0 && <p>{t('shell.loading')}</p>}
    </>
  );
}
