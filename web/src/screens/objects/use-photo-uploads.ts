// Uploads an object's photos one after another (a slow line gets the first photo through first), with each one's progress.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../../app-context.ts';
import { uploadPhoto } from '../../api/upload.ts';

export interface PhotoUpload {
  key: number;
  name: string;
  /** A local preview, so the photo is seen before it has travelled. */
  preview: string;
  /** 0..1 of the bytes sent. */
  progress: number;
  state: 'waiting' | 'uploading' | 'sent' | 'failed';
  /** The registry's id of the image, once it handed out the upload. */
  imageId?: string;
  error?: string;
}

export function usePhotoUploads(objectId: string, onSent: () => void) {
  const { api } = useApp();
  const [uploads, setUploads] = useState<PhotoUpload[]>([]);
  const queue = useRef(Promise.resolve());
  const next = useRef(0);
  const previews = useRef<string[]>([]);
  useEffect(() => () => previews.current.forEach((url) => URL.revokeObjectURL(url)), []);

  const update = (key: number, patch: Partial<PhotoUpload>) => setUploads((all) => all.map((upload) => (upload.key === key ? { ...upload, ...patch } : upload)));

  async function send(key: number, file: File) {
    update(key, { state: 'uploading' });
    try {
      const grant = await api.requestObjectPhoto(objectId, { contentType: file.type, filename: file.name });
      update(key, { imageId: grant.imageId });
      await uploadPhoto(grant, file, (progress) => update(key, { progress }));
      update(key, { state: 'sent', progress: 1 });
      onSent();
    } catch (error) {
      update(key, { state: 'failed', error: (error as Error).message });
    }
  }

  function add(files: File[]) {
    const added = files.map((file) => {
      const preview = URL.createObjectURL(file);
      previews.current.push(preview);
      return { key: next.current++, name: file.name, preview, progress: 0, state: 'waiting' as const, file };
    });
    setUploads((all) => [...all, ...added.map(({ file: _file, ...upload }) => upload)]);
    for (const { key, file } of added) queue.current = queue.current.then(() => send(key, file));
  }

  return { uploads, add };
}
