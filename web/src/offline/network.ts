// Whether the registry can be reached. navigator.onLine only says that the device has a network (a phone on a Wi-Fi
// with nothing behind it reads "online", and a page reloaded with no network may too), so the API is probed: a probe
// that fails counts as offline, and while offline the probe is repeated until the registry answers.
import { useEffect, useState } from 'preact/hooks';

const changes = new EventTarget();
let reachable = navigator.onLine;
const retryMs = 10_000;

function set(value: boolean): void {
  if (value === reachable) return;
  reachable = value;
  changes.dispatchEvent(new Event('change'));
}

export const isReachable = (): boolean => reachable;

/** Calls `listener` whenever the registry becomes reachable or unreachable; returns how to stop. */
export function onReachability(listener: () => void): () => void {
  changes.addEventListener('change', listener);
  return () => changes.removeEventListener('change', listener);
}

/** Probes now, on every `online` and `offline` event, and every few seconds while the registry cannot be reached. */
export function useNetworkWatch(ping: () => Promise<boolean>): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const check = async () => {
      clearTimeout(timer);
      const answered = navigator.onLine && (await ping());
      if (stopped) return;
      set(answered);
      if (!answered) timer = setTimeout(() => void check(), retryMs);
    };
    const probe = () => void check();
    probe();
    addEventListener('online', probe);
    addEventListener('offline', probe);
    return () => {
      stopped = true;
      clearTimeout(timer);
      removeEventListener('online', probe);
      removeEventListener('offline', probe);
    };
  }, [ping]);
}

/** Whether the registry can be reached, for a component that shows it. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(reachable);
  useEffect(() => {
    setOnline(reachable);
    return onReachability(() => setOnline(reachable));
  }, []);
  return online;
}
