// The photo to search with: picked or taken, previewed at once, uploaded with progress, then known by its imageKey.
import { useState } from 'preact/hooks';
import { ApiError } from '../../api/client.ts';
import { uploadPhoto } from '../../api/upload.ts';
import { useApp } from '../../app-context.ts';
import { PhotoPicker } from '../../components/photo-picker.tsx';
import { useI18n } from '../../i18n/i18n.ts';

export interface QueryPhoto {
  preview: string;
  name: string;
  progress: number;
  imageKey?: string;
  error?: Error;
}

// Previews by imageKey for this visit, so that the sighting reported with a photo still shows it beside its matches.
const previews = new Map<string, string>();
export const previewOf = (imageKey: string | undefined) => (imageKey ? previews.get(imageKey) : undefined);

export function useQueryPhoto() {
  const { api } = useApp();
  const [photo, setPhoto] = useState<QueryPhoto>();

  const pick = async (file: File) => {
    const preview = URL.createObjectURL(file);
    const update = (change: Partial<QueryPhoto>) => setPhoto((current) => (current?.preview === preview ? { ...current, ...change } : current));
    setPhoto({ preview, name: file.name, progress: 0 });
    try {
      const grant = await api.requestQueryPhoto({ contentType: file.type, filename: file.name });
      await uploadPhoto(grant, file, (progress) => update({ progress }));
      previews.set(grant.imageKey, preview);
      update({ progress: 1, imageKey: grant.imageKey });
    } catch (error) {
      update({ error: error as Error });
    }
  };
  const clear = () => {
    // A preview the search screen no longer needs is freed, unless a sighting may still show it.
    if (photo && !photo.imageKey) URL.revokeObjectURL(photo.preview);
    setPhoto(undefined);
  };
  return { photo, pick, clear };
}

interface Props {
  photo: QueryPhoto | undefined;
  onPick: (file: File) => void;
  onClear: () => void;
}

export function QueryPhotoInput({ photo, onPick, onClear }: Props) {
  const { t, number } = useI18n();
  const refusal = photo?.error instanceof ApiError ? (photo.error.reasonFor('contentType') ?? photo.error.message) : photo?.error?.message;
  return (
    <fieldset class="query-photo">
      <legend>{t('search.photo')}</legend>
      <PhotoPicker label={t('search.photoChoose')} onFiles={([file]) => file && onPick(file)} />
      {photo && (
        <div class="query-photo-preview">
          <img class="thumb" src={photo.preview} alt={t('match.yourPhoto')} />
          <div>
            <p class="help">{photo.name}</p>
            {photo.error ? (
              <p class="field-error" role="alert">
                {t('search.photoFailed', { reason: refusal ?? '' })}
              </p>
            ) : photo.imageKey ? (
              <p class="success">{t('search.photoReady')}</p>
            ) : (
              <label>
                {t('search.photoUploading', { percent: number(photo.progress, { style: 'percent', maximumFractionDigits: 0 }) })}
                <progress max={1} value={photo.progress} />
              </label>
            )}
            <button type="button" class="secondary" onClick={onClear}>
              {t('search.photoRemove')}
            </button>
          </div>
        </div>
      )}
    </fieldset>
  );
}
