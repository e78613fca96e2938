// The organisation's alert feed, newest first, kept up to date by polling while the page is visible.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Alert } from '../../../../schemas/alerts.ts';
import { useApp } from '../../app-context.ts';

const pollEveryMs = 10_000;

export interface AlertFeedState {
  items: Alert[];
  /** The alerts that arrived with the last refresh, to highlight and announce. */
  fresh: ReadonlySet<string>;
  loading: boolean;
  /** The first page failed: nothing to show. */
  error: Error | undefined;
  /** A refresh failed; the feed shown stays and the next refresh tries again. */
  refreshError: Error | undefined;
  olderCursor: string | undefined;
  loadingOlder: boolean;
  loadOlder: () => void;
}

export function useAlertFeed(): AlertFeedState {
  const { api } = useApp();
  const [items, setItems] = useState<Alert[]>([]);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error>();
  const [refreshError, setRefreshError] = useState<Error>();
  const [olderCursor, setOlderCursor] = useState<string>();
  const [loadingOlder, setLoadingOlder] = useState(false);
  const seen = useRef(new Set<string>());
  const newest = useRef<string | undefined>(undefined);

  /** Keeps the alerts not seen yet (`since` is inclusive, so a refresh returns the newest again) and notes the newest. */
  const unseen = (alerts: Alert[]) => {
    const added = alerts.filter((alert) => !seen.current.has(alert.alertId));
    for (const alert of added) {
      seen.current.add(alert.alertId);
      if (!newest.current || alert.occurredAt > newest.current) newest.current = alert.occurredAt;
    }
    return added;
  };

  useEffect(() => {
    api.alerts({}).then(
      (page) => {
        setItems(unseen(page.items));
        setOlderCursor(page.cursor);
        setLoading(false);
      },
      (failure: Error) => {
        setError(failure);
        setLoading(false);
      },
    );
  }, []);

  useEffect(() => {
    if (loading || error) return;
    let timer: ReturnType<typeof setInterval> | undefined;
    const refresh = async () => {
      try {
        // More than a page may have arrived since: follow the cursor until the pages reach alerts already shown.
        const arrived: Alert[] = [];
        let cursor: string | undefined;
        do {
          const page = await api.alerts({ ...(newest.current ? { since: newest.current } : {}), ...(cursor ? { cursor } : {}) });
          const added = unseen(page.items);
          arrived.push(...added);
          cursor = added.length === page.items.length ? page.cursor : undefined;
        } while (cursor);
        setRefreshError(undefined);
        if (arrived.length === 0) return;
        arrived.sort((a, b) => b.occurredAt.localeCompare(a.occurredAt));
        setItems((current) => [...arrived, ...current]);
        setFresh(new Set(arrived.map((alert) => alert.alertId)));
      } catch (failure) {
        setRefreshError(failure as Error);
      }
    };
    const start = () => {
      clearInterval(timer);
      timer = setInterval(() => void refresh(), pollEveryMs);
    };
    // A hidden tab does not poll; coming back refreshes at once and polls again.
    const onVisibility = () => {
      if (document.hidden) return clearInterval(timer);
      void refresh();
      start();
    };
    document.addEventListener('visibilitychange', onVisibility);
    if (!document.hidden) start();
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [loading, error]);

  const loadOlder = () => {
    if (!olderCursor) return;
    setLoadingOlder(true);
    api.alerts({ cursor: olderCursor }).then(
      (page) => {
        const older = unseen(page.items);
        setItems((current) => [...current, ...older]);
        setOlderCursor(page.cursor);
        setLoadingOlder(false);
      },
      (failure: Error) => {
        setRefreshError(failure);
        setLoadingOlder(false);
      },
    );
  };

  return { items, fresh, loading, error, refreshError, olderCursor, loadingOlder, loadOlder };
}
