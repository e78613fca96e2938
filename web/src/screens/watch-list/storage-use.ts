// How much of the device the console uses (navigator.storage.estimate), and asks the browser to keep the watch list.
import { useEffect, useState } from 'preact/hooks';

export interface StorageUse {
  usage: number;
  quota: number;
}

/** Estimated bytes used and available; read again when `round` changes (after a download). */
export function useStorageUse(round: unknown): StorageUse | undefined {
  const [use, setUse] = useState<StorageUse>();
  useEffect(() => {
    void navigator.storage?.estimate().then(({ usage, quota }) => setUse({ usage: usage ?? 0, quota: quota ?? 0 }));
  }, [round]);
  return use;
}

/** A list kept for the field must survive the browser's clean-ups under storage pressure. */
export function keepStorage(): void {
  void navigator.storage?.persist?.();
}
