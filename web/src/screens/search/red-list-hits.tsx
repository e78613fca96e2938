// The object described fits ICOM Red List categories: a warning with each category's title and why it fits.
import type { RedListHit } from '../../../../schemas/red-lists.ts';
import { useApp } from '../../app-context.ts';
import { useLoad } from '../../components/use-load.ts';
import { useI18n } from '../../i18n/i18n.ts';

export function RedListHits({ hits }: { hits: RedListHit[] }) {
  return hits.length > 0 ? <RedListWarning hits={hits} /> : null;
}

function RedListWarning({ hits }: { hits: RedListHit[] }) {
  const { t, locale } = useI18n();
  const { api } = useApp();
  // A hit carries the English title; the list of categories has it in every language of the console.
  const lists = useLoad(() => api.redLists(), []);
  const titleOf = (hit: RedListHit) => lists.data?.items.find((list) => list.id === hit.id)?.title[locale] ?? hit.title;
  return (
    <section class="notice red-list-hits" role="alert">
      <h2>{t('redList.title')}</h2>
      <p>{t('redList.advice')}</p>
      <ul>
        {hits.map((hit) => (
          <li key={hit.id}>
            <strong>{titleOf(hit)}</strong> — <span lang="en" dir="auto">{hit.why}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
