// A list the local runtime keeps in the data folder (event source mappings, schedules): read once at start, then
// written whole, one write after another, each to a temporary file renamed over the old, so a crash never leaves half.
import { readFile, rename, writeFile } from 'node:fs/promises';

export interface JsonListFile<T> {
  /** What the file held at start; empty when there was none. */
  read(): Promise<T[]>;
  /** Replaces the file's list; resolves once written. */
  write(items: T[]): Promise<void>;
  /** Resolves once every write asked for so far has ended, well or not. */
  settled(): Promise<void>;
}

export function jsonListFile<T>(file: string): JsonListFile<T> {
  let writing = Promise.resolve();
  return {
    async read() {
      try {
        return JSON.parse(await readFile(file, 'utf8')) as T[];
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
    },
    write(items) {
      const snapshot = JSON.stringify(items, null, 2);
      writing = writing.catch(() => undefined).then(async () => {
        await writeFile(`${file}.tmp`, snapshot);
        await rename(`${file}.tmp`, file);
      });
      return writing;
    },
    settled: () => writing.catch(() => undefined),
  };
}
