// An object's photos: thumbnails first (the full photo on demand), each one's upload progress and processing state,
// and, for the museum that owns it, adding more by drag and drop, from the files or with the camera.
import { useEffect, useRef } from 'preact/hooks';
import type { ImageView, ObjectView } from '../../../../schemas/object.ts';
import { useApp } from '../../app-context.ts';
import { PhotoPicker } from '../../components/photo-picker.tsx';
import { useI18n } from '../../i18n/i18n.ts';
import { takePhotos } from './photo-handoff.ts';
import { usePhotoUploads, type PhotoUpload } from './use-photo-uploads.ts';

const pollMs = 1500;
// A photo still pending after this long is left to the next visit rather than polled for ever.
const pollForMs = 3 * 60_000;

interface Props {
  object: ObjectView;
  onObject: (object: ObjectView) => void;
  canAdd: boolean;
}

export function ObjectPhotos({ object, onObject, canAdd }: Props) {
  const { api } = useApp();
  const { t } = useI18n();
  const refresh = () => void api.getObject(object.id).then(onObject, () => undefined);
  const { uploads, add } = usePhotoUploads(object.id, refresh);
  const since = useRef(Date.now());

  useEffect(() => {
    const handed = takePhotos(object.id);
    if (handed.length > 0) add(handed);
  }, [object.id]);

  const images = [...object.images].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const imageOf = (upload: PhotoUpload) => images.find((image) => image.id === upload.imageId);
  const processing = uploads.some((upload) => upload.state === 'sent' && imageOf(upload)?.status !== 'ready' && imageOf(upload)?.status !== 'rejected');
  useEffect(() => {
    if (!processing || Date.now() - since.current > pollForMs) return;
    const timer = setTimeout(refresh, pollMs);
    return () => clearTimeout(timer);
  }, [processing, object]);

  const uploadOf = (image: ImageView) => uploads.find((upload) => upload.imageId === image.id);
  const unplaced = uploads.filter((upload) => !imageOf(upload));
  return (
    <section aria-labelledby="photos-heading">
      <h2 id="photos-heading">{t('photos.heading')}</h2>
      {images.length + unplaced.length === 0 && <p>{t('photos.none')}</p>}
      <ul class="photo-grid">
        {images.map((image, n) => (
          <PhotoTile key={image.id} n={n + 1} image={image} upload={uploadOf(image)} />
        ))}
        {unplaced.map((upload, n) => (
          <PhotoTile key={`upload-${upload.key}`} n={images.length + n + 1} upload={upload} />
        ))}
      </ul>
      {canAdd && (
        <PhotoPicker
          label={t('photos.add')}
          multiple
          onFiles={(files) => {
            since.current = Date.now();
            add(files);
          }}
        />
      )}
    </section>
  );
}

function PhotoTile({ n, image, upload }: { n: number; image?: ImageView; upload?: PhotoUpload | undefined }) {
  const { t, number } = useI18n();
  const alt = t('photos.alt', { n });
  const sending = upload && upload.state !== 'sent';
  return (
    <li class="card photo-tile">
      {image?.status === 'ready' && image.thumbnailUrl ? (
        <a href={image.url} target="_blank" rel="noopener" title={t('photos.openFull')}>
          <img class="thumb" src={image.thumbnailUrl} alt={t('photos.openFullAlt', { alt })} loading="lazy" />
        </a>
      ) : upload ? (
        <img class="thumb" src={upload.preview} alt={alt} />
      ) : (
        <div class="thumb thumb-empty" role="img" aria-label={alt} />
      )}
      {sending ? (
        <>
          <progress value={upload.progress} max={1} aria-label={t('photos.progressOf', { name: upload.name })} />
          <p class={upload.state === 'failed' ? 'field-error' : 'help'} role={upload.state === 'failed' ? 'alert' : undefined}>
            {upload.state === 'failed'
              ? t('photos.failed', { reason: upload.error ?? '' })
              : upload.state === 'waiting'
                ? t('photos.waiting')
                : t('photos.uploading', { percent: number(upload.progress, { style: 'percent', maximumFractionDigits: 0 }) })}
          </p>
        </>
      ) : (
        <p>
          <span class={`badge ${image?.status ?? 'pending'}`}>{t(`photos.state.${image?.status ?? 'pending'}`)}</span>
          {image?.status === 'rejected' && image.reason && <span class="reason"> {image.reason}</span>}
        </p>
      )}
    </li>
  );
}
