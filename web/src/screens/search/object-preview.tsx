// A registered object read only once its card scrolls into view, and its thumbnail (the full photo on demand).
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ObjectView } from '../../../../schemas/object.ts';
import type { ApiError } from '../../api/client.ts';
import { useApp } from '../../app-context.ts';
import { useLoad } from '../../components/use-load.ts';
import { useI18n } from '../../i18n/i18n.ts';

/** Reads the object when the element given `ref` comes near the screen; a listing has no images, so each card asks. */
export function useObjectWhenVisible(id: string) {
  const { api } = useApp();
  const ref = useRef<HTMLLIElement>(null);
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        setVisible(true);
        observer.disconnect();
      }
    }, { rootMargin: '200px' });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const loaded = useLoad(() => (visible ? api.getObject(id) : Promise.resolve(undefined)), [id, visible]);
  return { ref, object: loaded.data, error: loaded.error as ApiError | Error | undefined };
}

interface ThumbProps {
  object: ObjectView | undefined;
  /** Names the object in the photo's alternative text. */
  title: string;
  caption?: ComponentChildren;
}

/** The thumbnail of the object's first ready photo, or a placeholder; a link opens the full photo. */
export function ObjectThumb({ object, title, caption }: ThumbProps) {
  const { t } = useI18n();
  const image = object?.images.find((candidate) => candidate.status === 'ready' && candidate.thumbnailUrl);
  return (
    <figure class="photo">
      {image?.thumbnailUrl ? (
        <img class="thumb" src={image.thumbnailUrl} alt={t('match.photoOf', { title })} loading="lazy" decoding="async" />
      ) : (
        <div class="thumb placeholder" role="img" aria-label={t('match.noPhoto')}>
          {t('match.noPhoto')}
        </div>
      )}
      {(caption || image?.url) && (
        <figcaption>
          {caption}
          {image?.url && (
            <>
              {' '}
              <a href={image.url} target="_blank" rel="noopener">
                {t('match.fullPhoto')}
              </a>
            </>
          )}
        </figcaption>
      )}
    </figure>
  );
}
