// Sends the sightings queued on the device when the console opens and whenever the registry becomes reachable again.
// The store and the sender load after the first screen: they are not part of the first load.
import { useEffect } from 'preact/hooks';
import type { Api } from '../api/client.ts';
import { hasExpired, type Session } from '../auth/session.ts';
import { isReachable, onReachability } from './network.ts';

export function useOutboxSender(api: Api, session: Session): void {
  useEffect(() => {
    const send = () => {
      // An expired session opens offline only; its reports wait until the person signs in again.
      if (!isReachable() || hasExpired(session)) return;
      void Promise.all([import('./db.ts'), import('./outbox.ts')]).then(async ([{ fieldStore }, { sendOutbox }]) => sendOutbox(await fieldStore(session), api));
    };
    send();
    return onReachability(send);
  }, [api, session]);
}
