// Changes an object's status along the allowed transitions: recovered and returned first for a sought object; a note
// (required for disputed) and, when the object is lost and has no incident yet, the incident.
import { useState } from 'preact/hooks';
import type { ObjectStatus } from '../../../../schemas/object-id.ts';
import type { ObjectView } from '../../../../schemas/object.ts';
import { statusTransitions } from '../../../../schemas/status-transitions.ts';
import { useApp } from '../../app-context.ts';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { Field } from '../../components/field.tsx';
import { useI18n } from '../../i18n/i18n.ts';
import { emptyIncident, incidentOf, type IncidentDraft } from './draft.ts';
import { reasonAt } from './field-errors.ts';
import { IncidentFields } from './incident-fields.tsx';

const found = ['recovered', 'returned'] as const;
const losses: readonly ObjectStatus[] = ['stolen', 'missing', 'looted'];

interface Props {
  object: ObjectView;
  onChanged: (object: ObjectView) => void;
}

export function StatusChange({ object, onChanged }: Props) {
  const { api } = useApp();
  const { t } = useI18n();
  const allowed = statusTransitions[object.status];
  const [target, setTarget] = useState<ObjectStatus | ''>('');
  const [note, setNote] = useState('');
  const [incident, setIncident] = useState<IncidentDraft>(emptyIncident);
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const needsIncident = (status: ObjectStatus | '') => status !== '' && losses.includes(status) && !object.incident;

  async function change(status: ObjectStatus) {
    setBusy(true);
    setError(undefined);
    try {
      const lost = needsIncident(status) ? incidentOf(incident) : undefined;
      const changed = await api.changeStatus(object.id, { status, ...(note.trim() ? { note: note.trim() } : {}), ...(lost ? { incident: lost } : {}) });
      setTarget('');
      setNote('');
      onChanged(changed);
    } catch (refused) {
      setError(refused as Error);
    } finally {
      setBusy(false);
    }
  }

  const quick = found.filter((status) => allowed.includes(status));
  return (
    <section aria-labelledby="status-heading" class="card status-change">
      <h2 id="status-heading">{t('statusChange.heading')}</h2>
      <ErrorSummary error={error} />
      <Field label={target === 'disputed' ? t('form.requiredLabel', { label: t('statusChange.note') }) : t('statusChange.note')} help={t('statusChange.note.help')} error={reasonAt(error, 'note')}>
        <textarea rows={2} value={note} onInput={(event) => setNote(event.currentTarget.value)} />
      </Field>
      {quick.length > 0 && (
        <div class="row actions">
          {quick.map((status) => (
            <button key={status} type="button" class="prominent" disabled={busy} onClick={() => change(status)}>
              {t(`statusChange.mark.${status}`)}
            </button>
          ))}
        </div>
      )}
      <form
        class="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (target) void change(target);
        }}
      >
        <Field label={t('statusChange.newStatus')} help={t('statusChange.newStatus.help')} error={reasonAt(error, 'status')}>
          <select value={target} onChange={(event) => setTarget(event.currentTarget.value as ObjectStatus | '')}>
            <option value="">{t('statusChange.choose')}</option>
            {allowed.map((status) => (
              <option key={status} value={status}>
                {t(`status.${status}`)}
              </option>
            ))}
          </select>
        </Field>
        {target && <p class="help">{t(`status.${target}.help`)}</p>}
        {needsIncident(target) && <IncidentFields value={incident} onChange={setIncident} error={error} />}
        <div>
          <button type="submit" class="secondary" disabled={busy || !target}>
            {t('statusChange.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
