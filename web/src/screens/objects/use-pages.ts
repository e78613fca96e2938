// A list the API hands out a page at a time: the items so far, and "load more" with the cursor of the last page.
import { useEffect, useState } from 'preact/hooks';

interface Page<T> {
  items: T[];
  cursor?: string | undefined;
}

export interface Pages<T> {
  items: T[];
  more: (() => void) | undefined;
  loading: boolean;
  error: Error | undefined;
  /** Replaces one item in place, e.g. after a review. */
  replace: (match: (item: T) => boolean, next: T) => void;
}

/** Starts again from the first page whenever `deps` change. */
export function usePages<T>(load: (cursor: string | undefined) => Promise<Page<T>>, deps: unknown[]): Pages<T> {
  const [state, setState] = useState<{ items: T[]; cursor?: string | undefined; loading: boolean; error?: Error }>({ items: [], loading: true });

  function fetchPage(cursor: string | undefined, keep: T[], current: () => boolean) {
    setState({ items: keep, cursor, loading: true });
    load(cursor).then(
      (page) => current() && setState({ items: [...keep, ...page.items], cursor: page.cursor, loading: false }),
      (error: Error) => current() && setState({ items: keep, cursor, loading: false, error }),
    );
  }

  useEffect(() => {
    let current = true;
    fetchPage(undefined, [], () => current);
    return () => {
      current = false;
    };
  }, deps);

  return {
    items: state.items,
    more: state.cursor && !state.loading ? () => fetchPage(state.cursor, state.items, () => true) : undefined,
    loading: state.loading,
    error: state.error,
    replace: (match, next) => setState((previous) => ({ ...previous, items: previous.items.map((item) => (match(item) ? next : item)) })),
  };
}
