// Reports a sighting with photos, with or without a network: it goes to the outbox on the device and is sent from there.
import { useEffect, useState } from 'preact/hooks';
import type { Role } from '../../../../schemas/identity.ts';
import { useApp } from '../../app-context.ts';
import { Field } from '../../components/field.tsx';
import { PhotoPicker } from '../../components/photo-picker.tsx';
import { useI18n } from '../../i18n/i18n.ts';
import { fieldStore } from '../../offline/db.ts';
import { queueSighting, sendOutbox } from '../../offline/outbox.ts';
import { useOnline } from '../../offline/network.ts';
import { LanguageSelect } from '../objects/language-select.tsx';
import { type ChannelName, type Seen, SeenFields, seenAtOf, today } from '../search/seen-fields.tsx';
import { useObjectUrl } from './use-object-url.ts';

const channels: ChannelName[] = ['customs', 'police', 'public'];
const channelOf: Partial<Record<Role, ChannelName>> = { customs: 'customs', police: 'police' };

function PhotoPreview({ file, onRemove }: { file: File; onRemove: () => void }) {
  const { t } = useI18n();
  const url = useObjectUrl(file);
  return (
    <li class="photo-preview">
      {url && <img class="thumb" src={url} alt={file.name} />}
      <button type="button" class="secondary" onClick={onRemove} aria-label={t('fieldReport.removePhoto', { name: file.name })}>
        {t('fieldReport.remove')}
      </button>
    </li>
  );
}

export function OfflineReport() {
  const { api, session } = useApp();
  const { t } = useI18n();
  const online = useOnline();
  const [seen, setSeen] = useState<Seen>(() => ({ channel: channelOf[session.role] ?? 'public', date: today(), country: '', place: '' }));
  const [text, setText] = useState('');
  const [lang, setLang] = useState('');
  const [photos, setPhotos] = useState<File[]>([]);
  const [queued, setQueued] = useState(false);
  // A new picker after each report: the file control forgets the photos already queued.
  const [round, setRound] = useState(0);
  const [saving, setSaving] = useState(false);
  const empty = !text.trim() && photos.length === 0;
  useEffect(() => {
    if (!empty) setQueued(false);
  }, [empty]);

  const report = async (event: Event) => {
    event.preventDefault();
    setSaving(true);
    const store = await fieldStore(session);
    await queueSighting(
      store,
      {
        channel: seen.channel,
        ...(text.trim() ? { text: text.trim(), ...(lang ? { lang } : {}) } : {}),
        seenAt: seenAtOf(seen),
      },
      photos,
    );
    setQueued(true);
    setText('');
    setPhotos([]);
    setRound((n) => n + 1);
    setSaving(false);
    void sendOutbox(store, api);
  };

  return (
    <section aria-labelledby="field-report">
      <h2 id="field-report">{t('fieldReport.title')}</h2>
      <form class="form card" onSubmit={(event) => void report(event)} aria-labelledby="field-report">
        <p class="help">{t('fieldReport.help')}</p>
        <Field label={t('fieldReport.text')} help={t('fieldReport.textHelp')}>
          <textarea value={text} maxLength={5000} onInput={(event) => setText(event.currentTarget.value)} />
        </Field>
        <Field label={t('fieldReport.lang')}>
          <LanguageSelect value={lang} emptyLabel={t('search.langAny')} onChange={setLang} />
        </Field>
        <PhotoPicker key={round} label={t('fieldReport.photos')} multiple onFiles={(files) => setPhotos((current) => [...current, ...files].slice(0, 10))} />
        {photos.length > 0 && (
          <ul class="photo-previews">
            {photos.map((file, at) => (
              <PhotoPreview key={`${file.name}-${at}`} file={file} onRemove={() => setPhotos((current) => current.filter((_, other) => other !== at))} />
            ))}
          </ul>
        )}
        <SeenFields value={seen} onChange={setSeen} channels={channels} />
        <div class="actions">
          <button type="submit" disabled={saving || empty}>
            {t('fieldReport.submit')}
          </button>
          {empty && <p class="help">{t('fieldReport.needSomething')}</p>}
        </div>
        <div aria-live="polite">
          {queued && <p class="success">{t(online ? 'fieldReport.queuedOnline' : 'fieldReport.queuedOffline')}</p>}
        </div>
      </form>
    </section>
  );
}
