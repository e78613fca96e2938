// Picks photos by drag and drop, from the files, or straight from the phone's camera.
import { useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n.ts';

const accepted = 'image/jpeg,image/png,image/webp';

interface Props {
  /** The label of the file control, e.g. "Photos of the object". */
  label: string;
  multiple?: boolean;
  onFiles: (files: File[]) => void;
}

export function PhotoPicker({ label, multiple = false, onFiles }: Props) {
  const { t } = useI18n();
  const [dragging, setDragging] = useState(false);
  const take = (list: FileList | null | undefined) => {
    const files = [...(list ?? [])].filter((file) => file.type.startsWith('image/'));
    if (files.length) onFiles(multiple ? files : files.slice(0, 1));
  };
  return (
    <div
      class={dragging ? 'photo-picker dragging' : 'photo-picker'}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => {
        event.preventDefault();
        setDragging(false);
        take(event.dataTransfer?.files);
      }}
    >
      <label>
        <span>{label}</span>
        <input type="file" accept={accepted} multiple={multiple} onChange={(event) => take(event.currentTarget.files)} />
      </label>
      <p class="help">{t('photos.dropHint')}</p>
      <label class="camera">
        <span>{t('photos.takePhoto')}</span>
        <input type="file" accept={accepted} capture="environment" onChange={(event) => take(event.currentTarget.files)} />
      </label>
    </div>
  );
}
