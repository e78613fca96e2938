// The sightings queued on this device, read again whenever the outbox changes, and a way to send them now.
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../../app-context.ts';
import { fieldStore, type FieldStore, type OutboxItem } from '../../offline/db.ts';
import { outboxChanges, outboxItems, sendOutbox } from '../../offline/outbox.ts';

export function useOutbox(): { store: FieldStore | undefined; items: OutboxItem[]; send: () => void } {
  const { api, session } = useApp();
  const [store, setStore] = useState<FieldStore>();
  const [items, setItems] = useState<OutboxItem[]>([]);
  useEffect(() => {
    let current = true;
    let opened: FieldStore | undefined;
    const read = () => opened && void outboxItems(opened).then((read) => current && setItems(read));
    void fieldStore(session).then((found) => {
      opened = found;
      if (current) setStore(found);
      read();
    });
    outboxChanges.addEventListener('change', read);
    return () => {
      current = false;
      outboxChanges.removeEventListener('change', read);
    };
  }, [session]);
  return { store, items, send: () => store && void sendOutbox(store, api) };
}
