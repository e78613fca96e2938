// Searches the kept watch list on the device by text and attributes, with the registry's own matcher loaded on demand,
// and browses it by thumbnail when nothing is asked.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n.ts';
import type { KeptEntry } from '../../offline/db.ts';
import type { ListIndex, OfflineCandidate } from '../../offline/text-search.ts';
import { emptyDraft, QueryFields, structuredOf, type QueryDraft } from '../search/query-fields.tsx';
import { EntryCard } from './entry-card.tsx';

const pageSize = 24;
const resultLimit = 20;

interface Found {
  candidates: OfflineCandidate[];
  ms: number;
}

/** The list indexed by the registry's text matcher, built once the chunk that carries it has loaded. */
function useListIndex(entries: KeptEntry[]): ListIndex | undefined {
  const [index, setIndex] = useState<ListIndex>();
  useEffect(() => {
    let current = true;
    setIndex(undefined);
    void import('../../offline/text-search.ts').then(({ indexList }) => current && setIndex(indexList(entries)));
    return () => {
      current = false;
    };
  }, [entries]);
  return index;
}

export function ListSearch({ entries }: { entries: KeptEntry[] }) {
  const { t } = useI18n();
  const index = useListIndex(entries);
  const [draft, setDraft] = useState<QueryDraft>(emptyDraft);
  const [found, setFound] = useState<Found>();
  const [shown, setShown] = useState(pageSize);
  const resultsRef = useRef<HTMLHeadingElement>(null);
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  const structured = structuredOf(draft);
  const text = draft.text.trim();

  const search = (event: Event) => {
    event.preventDefault();
    if (!index) return;
    const started = performance.now();
    const candidates = index.search({ ...(text ? { text } : {}), ...(text && draft.lang ? { lang: draft.lang } : {}), ...(structured ? { structured } : {}) }, resultLimit);
    setFound({ candidates, ms: performance.now() - started });
  };
  useEffect(() => {
    if (found) resultsRef.current?.focus();
  }, [found]);

  if (entries.length === 0) {
    return (
      <section aria-labelledby="watch-search">
        <h2 id="watch-search">{t('watch.searchTitle')}</h2>
        <p class="help">{t('watch.noList')}</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="watch-search">
      <h2 id="watch-search">{t('watch.searchTitle')}</h2>
      <form class="form search-form" onSubmit={search} aria-labelledby="watch-search">
        <p class="notice">{t('watch.photoOnServer')}</p>
        <QueryFields draft={draft} onChange={(change) => setDraft((current) => ({ ...current, ...change }))} error={undefined} />
        <div class="actions">
          <button type="submit" disabled={!index || (!text && !structured)}>
            {index ? t('watch.searchSubmit') : t('watch.preparing')}
          </button>
          {found && (
            <button type="button" class="secondary" onClick={() => setFound(undefined)}>
              {t('watch.browseAll')}
            </button>
          )}
        </div>
      </form>
      {found ? (
        <>
          <h3 ref={resultsRef} tabIndex={-1}>
            {t('watch.found', { count: found.candidates.length, ms: Math.max(1, Math.round(found.ms)) })}
          </h3>
          {found.candidates.length === 0 && <p class="help">{t('watch.noneFound')}</p>}
          <ul class="cards">
            {found.candidates.flatMap((candidate) => {
              const entry = byId.get(candidate.objectId);
              return entry ? [<EntryCard key={entry.id} entry={entry} candidate={candidate} />] : [];
            })}
          </ul>
        </>
      ) : (
        <>
          <h3>{t('watch.browseTitle')}</h3>
          <ul class="cards thumbnails">
            {entries.slice(0, shown).map((entry) => (
              <EntryCard key={entry.id} entry={entry} />
            ))}
          </ul>
          {shown < entries.length && (
            <button type="button" class="secondary" onClick={() => setShown((count) => count + pageSize)}>
              {t('watch.showMore', { shown: Math.min(shown, entries.length), total: entries.length })}
            </button>
          )}
        </>
      )}
    </section>
  );
}
