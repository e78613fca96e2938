// The watch list kept on this device for the signed-in caller: its entries and what was downloaded when.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { useApp } from '../../app-context.ts';
import { fieldStore, type FieldStore, type KeptEntry, type WatchListMeta } from '../../offline/db.ts';

export interface KeptList {
  store: FieldStore | undefined;
  entries: KeptEntry[] | undefined;
  meta: WatchListMeta | undefined;
  /** Reads the store again, after a download or a removal. */
  reload: () => void;
}

export function useKeptList(): KeptList {
  const { session } = useApp();
  const [state, setState] = useState<Omit<KeptList, 'reload'>>({ store: undefined, entries: undefined, meta: undefined });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    void (async () => {
      const store = await fieldStore(session);
      const [entries, meta] = await Promise.all([store.getAll('entries'), store.get('meta', 'watch-list')]);
      if (current) setState({ store, entries, meta });
    })();
    return () => {
      current = false;
    };
  }, [session, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { ...state, reload };
}
