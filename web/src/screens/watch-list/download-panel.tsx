// Chooses what to keep on the device (countries of the loss, object types), downloads or refreshes it with progress,
// and says how much is kept, since when, and how much room it takes.
import { useMemo, useState } from 'preact/hooks';
import { useApp } from '../../app-context.ts';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { Field } from '../../components/field.tsx';
import { useI18n } from '../../i18n/i18n.ts';
import { useOnline } from '../../offline/network.ts';
import { downloadWatchList, keptBytes, removeWatchList, type DownloadProgress } from '../../offline/watch-list.ts';
import { reasonAt } from '../objects/field-errors.ts';
import { CountryList } from '../search/country-select.tsx';
import { keepStorage, useStorageUse } from './storage-use.ts';
import type { KeptList } from './use-kept-list.ts';

const typesOf = (text: string) => [...new Set(text.split(/[,،;]/).map((type) => type.trim()).filter(Boolean))];

export function DownloadPanel({ kept }: { kept: KeptList }) {
  const { api } = useApp();
  const { t, date, number } = useI18n();
  const online = useOnline();
  const [countries, setCountries] = useState<string[]>();
  const [types, setTypes] = useState<string>();
  const [progress, setProgress] = useState<DownloadProgress>();
  const [downloading, setDownloading] = useState(false);
  const [error, setError] = useState<Error>();
  const storage = useStorageUse(kept.entries);
  const listBytes = useMemo(() => (kept.entries ? keptBytes(kept.entries) : 0), [kept.entries]);

  // Until the user changes them, the choice is the one kept on the device.
  const chosenCountries = countries ?? kept.meta?.countries ?? [];
  const chosenTypes = typesOf(types ?? kept.meta?.objectTypes.join(', ') ?? '');
  const refresh = kept.meta !== undefined && kept.meta.countries.join() === chosenCountries.join() && kept.meta.objectTypes.join() === chosenTypes.join();
  const size = (bytes: number) =>
    bytes < 1_000_000
      ? number(bytes / 1000, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 })
      : number(bytes / 1_000_000, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 });

  const download = async (event: Event) => {
    event.preventDefault();
    if (!kept.store) return;
    setDownloading(true);
    setError(undefined);
    setProgress({ pages: 0, received: 0, removed: 0 });
    keepStorage();
    try {
      await downloadWatchList(api, kept.store, { countries: chosenCountries, objectTypes: chosenTypes }, setProgress);
      setCountries(undefined);
      setTypes(undefined);
    } catch (failure) {
      setError(failure as Error);
    } finally {
      setDownloading(false);
      kept.reload();
    }
  };

  const remove = async () => {
    if (!kept.store || !confirm(t('watch.removeConfirm'))) return;
    await removeWatchList(kept.store);
    setProgress(undefined);
    kept.reload();
  };

  return (
    <section aria-labelledby="watch-download">
      <h2 id="watch-download">{t('watch.downloadTitle')}</h2>
      <form class="form" onSubmit={download}>
        <ErrorSummary error={error} />
        <CountryList
          legend={t('watch.countries')}
          help={t('watch.countriesHelp')}
          error={reasonAt(error, 'countries', true)}
          value={chosenCountries}
          onChange={setCountries}
        />
        <Field label={t('watch.objectTypes')} help={t('watch.objectTypesHelp')} error={reasonAt(error, 'objectTypes', true)}>
          <input value={types ?? kept.meta?.objectTypes.join(', ') ?? ''} onInput={(event) => setTypes(event.currentTarget.value)} />
        </Field>
        <div class="actions">
          <button type="submit" disabled={downloading || !online || chosenCountries.length === 0 || !kept.store}>
            {downloading ? t('watch.downloading') : refresh ? t('watch.refresh') : t('watch.download')}
          </button>
          {!online ? <p class="help">{t('watch.needNetwork')}</p> : chosenCountries.length === 0 && <p class="help">{t('watch.needCountry')}</p>}
        </div>
        <div aria-live="polite">
          {progress && (
            <p class="download-progress">
              {/* The list's length is known only at its last page: while it comes, the bar only says that it is coming. */}
              {downloading && <progress aria-label={t('watch.downloading')} />}{' '}
              {t('watch.progress', { pages: progress.pages, received: progress.received, removed: progress.removed })}
            </p>
          )}
        </div>
      </form>
      <dl class="kept-summary card">
        <div>
          <dt>{t('watch.count')}</dt>
          <dd>{kept.entries ? number(kept.entries.length) : '…'}</dd>
        </div>
        <div>
          <dt>{t('watch.refreshedAt')}</dt>
          <dd>{kept.meta ? date(kept.meta.refreshedAt) : t('watch.never')}</dd>
        </div>
        <div>
          <dt>{t('watch.listSize')}</dt>
          <dd>{size(listBytes)}</dd>
        </div>
        {storage && (
          <div>
            <dt>{t('watch.storageUsed')}</dt>
            <dd>{t('watch.storageOf', { used: size(storage.usage), quota: size(storage.quota) })}</dd>
          </div>
        )}
      </dl>
      {kept.meta && (
        <button type="button" class="secondary" onClick={() => void remove()}>
          {t('watch.remove')}
        </button>
      )}
    </section>
  );
}
