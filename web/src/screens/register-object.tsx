// Registers an object with the guided Object ID form; photos chosen here are uploaded on its page right after.
import { useLocation } from 'preact-iso';
import { useId, useRef, useState } from 'preact/hooks';
import type { RegisterObject as Registration } from '../../../schemas/object-id.ts';
import { useApp } from '../app-context.ts';
import { ErrorSummary } from '../components/error-summary.tsx';
import { PhotoPicker } from '../components/photo-picker.tsx';
import { useI18n } from '../i18n/i18n.ts';
import { AccessFields } from './objects/access-fields.tsx';
import { emptyDraft, registration } from './objects/draft.ts';
import { reasonAt } from './objects/field-errors.ts';
import { IncidentFields } from './objects/incident-fields.tsx';
import { ObjectFields } from './objects/object-fields.tsx';
import { handOverPhotos } from './objects/photo-handoff.ts';

type Status = Registration['status'];
const statuses: readonly Status[] = ['stolen', 'missing', 'looted', 'inventoried'];

export default function RegisterObject() {
  const { api } = useApp();
  const { t, locale } = useI18n();
  const { route } = useLocation();
  const [draft, setDraft] = useState(() => emptyDraft(locale));
  const [status, setStatus] = useState<Status>('stolen');
  const [photos, setPhotos] = useState<File[]>([]);
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  const id = useId();

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const created = await api.registerObject(registration(draft, status));
      handOverPhotos(created.id, photos);
      route(`/objects/${created.id}`);
    } catch (refused) {
      setError(refused as Error);
      setBusy(false);
      // The summary lists every refused field; each is also marked beside its input. Nothing typed is lost.
      requestAnimationFrame(() => summary.current?.focus());
    }
  }

  return (
    <form class="form register" onSubmit={submit} noValidate aria-labelledby="register-heading">
      <h1 id="register-heading">{t('register.heading')}</h1>
      <p>{t('register.intro')}</p>
      <div ref={summary} tabIndex={-1}>
        <ErrorSummary error={error} />
      </div>
      <ObjectFields draft={draft} onChange={setDraft} error={error} />
      <fieldset>
        <legend>{t('register.status')}</legend>
        {reasonAt(error, 'status') && <p class="field-error">{reasonAt(error, 'status')}</p>}
        {statuses.map((option) => (
          <div key={option} class="choice">
            <input id={`${id}-${option}`} type="radio" name="status" value={option} checked={status === option} onChange={() => setStatus(option)} aria-describedby={`${id}-${option}-help`} />
            <label for={`${id}-${option}`}>{t(`status.${option}`)}</label>
            <p class="help" id={`${id}-${option}-help`}>
              {t(`status.${option}.help`)}
            </p>
          </div>
        ))}
      </fieldset>
      {status !== 'inventoried' && <IncidentFields value={draft.incident} onChange={(incident) => setDraft({ ...draft, incident })} error={error} />}
      <AccessFields draft={draft} onChange={setDraft} error={error} />
      <fieldset>
        <legend>{t('register.photos')}</legend>
        <p class="help">{t('register.photos.help')}</p>
        <PhotoPicker label={t('register.choosePhotos')} multiple onFiles={(files) => setPhotos([...photos, ...files])} />
        {photos.length > 0 && (
          <ul class="chosen-photos">
            {photos.map((photo, n) => (
              <li key={`${photo.name}-${n}`}>
                <span>{photo.name}</span>{' '}
                <button type="button" class="link-button" onClick={() => setPhotos(photos.filter((_, i) => i !== n))}>
                  {t('register.removePhoto', { name: photo.name })}
                </button>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      <div>
        <button type="submit" disabled={busy}>
          {busy ? t('register.submitting') : t('register.submit')}
        </button>
      </div>
    </form>
  );
}
