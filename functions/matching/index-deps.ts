// The registry index of this function instance: loaded once per cold start, shared by every invocation after.
import { config } from '../config.ts';
import { logger } from '../http/logger.ts';
import { indexStore } from '../adapters/index-store.ts';
import { loadRegistryIndex, type RegistryIndex } from './registry-index.ts';

const clock = { now: () => new Date() };
export const store = indexStore(config().tableName, config().bucketName);

let loading: Promise<RegistryIndex> | undefined;

export function registryIndex(): Promise<RegistryIndex> {
  loading ??= loadRegistryIndex(store, clock, (message, detail) => logger.warn(message, { ...detail })).catch((error: unknown) => {
    loading = undefined; // the next invocation tries again
    throw error;
  });
  return loading;
}
