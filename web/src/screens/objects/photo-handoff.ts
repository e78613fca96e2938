// Photos chosen on the registration form, handed to the new object's page, which uploads them and shows their progress.
const waiting = new Map<string, File[]>();

export function handOverPhotos(objectId: string, files: File[]): void {
  if (files.length > 0) waiting.set(objectId, files);
}

/** The photos waiting for this object, once: a second call gets none. */
export function takePhotos(objectId: string): File[] {
  const files = waiting.get(objectId) ?? [];
  waiting.delete(objectId);
  return files;
}
