// One object: its photos, its status (and changing it), its record (and editing it), its matches and its history.
import { useEffect, useState } from 'preact/hooks';
import { grants, permissions } from '../../../infra/permissions.ts';
import type { ObjectView } from '../../../schemas/object.ts';
import { useApp } from '../app-context.ts';
import { ErrorSummary } from '../components/error-summary.tsx';
import { useLoad } from '../components/use-load.ts';
import { useI18n } from '../i18n/i18n.ts';
import { areasOf } from '../roles.ts';
import { EditObject } from './objects/edit-object.tsx';
import { ObjectHistory } from './objects/object-history.tsx';
import { ObjectMatches } from './objects/object-matches.tsx';
import { ObjectPhotos } from './objects/object-photos.tsx';
import { ObjectRecord } from './objects/object-record.tsx';
import { StatusBadge } from './objects/status-badge.tsx';
import { StatusChange } from './objects/status-change.tsx';
import { StatusNotice } from './objects/status-notice.tsx';

export default function ObjectDetail({ id }: { id: string }) {
  const { api, session } = useApp();
  const { t } = useI18n();
  const loaded = useLoad(() => api.getObject(id), [id]);
  const [object, setObject] = useState<ObjectView>();
  const [editing, setEditing] = useState(false);
  const [done, setDone] = useState<string>();
  useEffect(() => {
    if (loaded.data) setObject(loaded.data);
  }, [loaded.data]);
  // The router keeps this screen when only the id changes: what was open belonged to the other object.
  useEffect(() => {
    setEditing(false);
    setDone(undefined);
  }, [id]);

  if (loaded.error) {
    return (
      <>
        <h1>{t('detail.unavailable')}</h1>
        <ErrorSummary error={loaded.error} />
      </>
    );
  }
  if (!object || object.id !== id) return <p>{t('shell.loading')}</p>;

  const mayChange = grants(permissions['object.change'], session, object.orgId);
  const mayReadMatches = grants(permissions['match.read'], session, object.orgId);
  const name = object.title ?? object.objectType;
  return (
    <article class="object-detail">
      {areasOf(session.role).includes('objects') && (
        <p>
          <a href="/objects">{t('detail.back')}</a>
        </p>
      )}
      <header class="object-header">
        <h1>{name}</h1>
        <p>
          <StatusBadge status={object.status} /> {object.title && <span class="help">{object.objectType}</span>}
        </p>
      </header>
      {done && (
        <p class="success" role="status">
          {done}
        </p>
      )}
      <StatusNotice object={object} />
      <div class="object-layout">
        <ObjectPhotos object={object} onObject={setObject} canAdd={mayChange} />
        {mayChange && (
          <StatusChange
            object={object}
            onChanged={(changed) => {
              setObject(changed);
              setDone(t('detail.statusChanged', { status: t(`status.${changed.status}`) }));
            }}
          />
        )}
      </div>
      {editing ? (
        <EditObject
          object={object}
          onObject={setObject}
          onDone={(saved) => {
            setEditing(false);
            if (saved) setDone(t('detail.saved'));
          }}
        />
      ) : (
        <>
          <ObjectRecord object={object} />
          {mayChange && (
            <button
              type="button"
              onClick={() => {
                setDone(undefined);
                setEditing(true);
              }}
            >
              {t('detail.edit')}
            </button>
          )}
        </>
      )}
      {mayReadMatches && <ObjectMatches object={object} />}
      <ObjectHistory id={object.id} version={object.version} />
    </article>
  );
}
