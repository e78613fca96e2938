// The thumbnail of an object in a list, read only once its card scrolls into view (a listing carries no images).
import { useEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../../app-context.ts';

export function ObjectThumbnail({ id }: { id: string }) {
  const { api } = useApp();
  const box = useRef<HTMLDivElement>(null);
  const [url, setUrl] = useState<string>();

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    let current = true;
    const observer = new IntersectionObserver(([entry]) => {
      if (!entry?.isIntersecting) return;
      observer.disconnect();
      api.getObject(id).then(
        (object) => {
          const first = object.images.filter((image) => image.status === 'ready').sort((a, b) => a.createdAt.localeCompare(b.createdAt))[0];
          if (current && first?.thumbnailUrl) setUrl(first.thumbnailUrl);
        },
        () => undefined,
      );
    });
    observer.observe(element);
    return () => {
      current = false;
      observer.disconnect();
    };
  }, [id]);

  // Decorative: the card's title names the object.
  return <div ref={box} class="thumb thumb-empty">{url && <img src={url} alt="" />}</div>;
}
