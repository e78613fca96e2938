// Edits the record against the version read (If-Match): only the changed fields are sent; when someone saved first,
// the fields that changed meanwhile are shown with both values, and the edit can be put on top of their version.
import { useState } from 'preact/hooks';
import type { ObjectView } from '../../../../schemas/object.ts';
import { ApiError } from '../../api/client.ts';
import { useApp } from '../../app-context.ts';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { useI18n } from '../../i18n/i18n.ts';
import { AccessFields } from './access-fields.tsx';
import { ConflictNotice } from './conflict-notice.tsx';
import { draftFromObject, patchBetween, rebase } from './draft.ts';
import { IncidentFields } from './incident-fields.tsx';
import { ObjectFields } from './object-fields.tsx';

interface Props {
  object: ObjectView;
  /** A newer version of the object to show: the one saved, or the one found on a conflict. */
  onObject: (object: ObjectView) => void;
  onDone: (saved: boolean) => void;
}

export function EditObject({ object, onObject, onDone }: Props) {
  const { api } = useApp();
  const { t } = useI18n();
  const [base, setBase] = useState(object);
  const [draft, setDraft] = useState(() => draftFromObject(object));
  const [error, setError] = useState<Error>();
  const [current, setCurrent] = useState<ObjectView>();
  const [notice, setNotice] = useState<string>();
  const [saving, setSaving] = useState(false);

  async function save(event: Event) {
    event.preventDefault();
    const patch = patchBetween(draftFromObject(base), draft);
    setError(undefined);
    if (Object.keys(patch).length === 0) return setNotice(t('edit.nothingChanged'));
    setNotice(undefined);
    setSaving(true);
    try {
      onObject(await api.editObject(base.id, base.version, patch));
      onDone(true);
    } catch (refused) {
      if (refused instanceof ApiError && refused.status === 409) setCurrent(await api.getObject(base.id));
      else setError(refused as Error);
    } finally {
      setSaving(false);
    }
  }

  function reapply(latest: ObjectView) {
    setDraft(rebase(draft, base, latest));
    setBase(latest);
    setCurrent(undefined);
    setNotice(t('conflict.reapplied', { version: latest.version }));
    onObject(latest);
  }

  function discard(latest: ObjectView) {
    onObject(latest);
    onDone(false);
  }

  const hasIncident = Boolean(base.incident) || ['stolen', 'missing', 'looted'].includes(base.status);
  return (
    <form class="form" onSubmit={save} noValidate aria-labelledby="edit-heading">
      <h2 id="edit-heading">{t('edit.heading', { version: base.version })}</h2>
      {current && <ConflictNotice base={base} current={current} mine={Object.keys(patchBetween(draftFromObject(base), draft))} onReapply={() => reapply(current)} onDiscard={() => discard(current)} />}
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <ErrorSummary error={error} />
      <ObjectFields draft={draft} onChange={setDraft} error={error} />
      {hasIncident && <IncidentFields value={draft.incident} onChange={(incident) => setDraft({ ...draft, incident })} error={error} />}
      <AccessFields draft={draft} onChange={setDraft} error={error} />
      <div class="row actions">
        <button type="submit" disabled={saving || Boolean(current)}>
          {saving ? t('edit.saving') : t('edit.save')}
        </button>
        <button type="button" class="secondary" onClick={() => onDone(false)}>
          {t('edit.cancel')}
        </button>
      </div>
    </form>
  );
}
