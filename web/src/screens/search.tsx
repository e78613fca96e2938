// Search the registry by photo, text and structured fields, see the candidates with the reasons, report a sighting.
import { useEffect, useRef, useState } from 'preact/hooks';
import type * as z from 'zod';
import type { SearchResult } from '../../../schemas/matching.ts';
import { useApp } from '../app-context.ts';
import { ErrorSummary } from '../components/error-summary.tsx';
import { useI18n } from '../i18n/i18n.ts';
import { emptyDraft, QueryFields, structuredOf, type QueryDraft } from './search/query-fields.tsx';
import { QueryPhotoInput, useQueryPhoto } from './search/query-photo.tsx';
import { ReportSighting, type Described } from './search/report-sighting.tsx';
import { Results } from './search/results.tsx';

export default function Search() {
  const { api } = useApp();
  const { t } = useI18n();
  const { photo, pick, clear } = useQueryPhoto();
  const [draft, setDraft] = useState<QueryDraft>(emptyDraft);
  // The answer with the preview of the photo it was asked with, which the user may since have changed.
  const [result, setResult] = useState<{ found: z.output<typeof SearchResult>; photo: string | undefined }>();
  const [error, setError] = useState<Error>();
  const [searching, setSearching] = useState(false);
  const [reporting, setReporting] = useState(false);
  const resultsRef = useRef<HTMLDivElement>(null);

  const structured = structuredOf(draft);
  const described: Described = {
    ...(draft.text.trim() ? { text: draft.text.trim() } : {}),
    ...(draft.text.trim() && draft.lang ? { lang: draft.lang } : {}),
    ...(structured ? { structured } : {}),
    ...(photo?.imageKey ? { imageKeys: [photo.imageKey] } : {}),
  };
  const uploading = Boolean(photo && !photo.imageKey && !photo.error);
  const empty = !described.text && !described.structured && !described.imageKeys;

  const search = async (event: Event) => {
    event.preventDefault();
    setSearching(true);
    setError(undefined);
    try {
      const { imageKeys, ...query } = described;
      const found = await api.search({ ...query, ...(imageKeys ? { imageKey: imageKeys[0] } : {}) });
      setResult({ found, photo: imageKeys ? photo?.preview : undefined });
    } catch (failure) {
      setError(failure as Error);
      setResult(undefined);
    } finally {
      setSearching(false);
    }
  };

  // Take the reader to the answer: keyboard and screen reader users land on the results heading.
  useEffect(() => {
    if (result) resultsRef.current?.querySelector<HTMLElement>('h2')?.focus();
  }, [result]);

  return (
    <>
      <h1>{t('search.title')}</h1>
      <p class="help">{t('search.intro')}</p>
      <form class="form search-form" onSubmit={search} aria-label={t('search.title')}>
        <ErrorSummary error={error} />
        <QueryPhotoInput photo={photo} onPick={(file) => void pick(file)} onClear={clear} />
        <QueryFields draft={draft} onChange={(change) => setDraft((current) => ({ ...current, ...change }))} error={error} />
        <div class="actions">
          <button type="submit" disabled={searching || uploading || empty}>
            {searching ? t('search.searching') : t('search.submit')}
          </button>
          {(uploading || empty) && <p class="help">{uploading ? t('search.waitForPhoto') : t('search.giveSomething')}</p>}
        </div>
      </form>
      <div ref={resultsRef} aria-busy={searching}>
        {result && <Results result={result.found} queryPhoto={result.photo} />}
      </div>
      {!empty && (
        <section class="report">
          {reporting ? (
            <ReportSighting described={described} />
          ) : (
            <button type="button" class="secondary" onClick={() => setReporting(true)}>
              {t('sighting.reportOpen')}
            </button>
          )}
        </section>
      )}
    </>
  );
}
