// The photo searched with, outlined where the object was found, and the same said in words for those who cannot see it.
import { useState } from 'preact/hooks';
import type * as z from 'zod';
import type { PhotoRegion, Reason } from '../../../../schemas/matching.ts';
import { useI18n } from '../../i18n/i18n.ts';
import { placeOf, shareOfFrame } from './region-place.ts';

type Region = z.output<typeof PhotoRegion>;

/** Where the photo evidence found the object, if it says. */
export const regionOf = (reasons: z.output<typeof Reason>[]): Region | undefined => reasons.find((reason) => reason.field === 'photo' && reason.region)?.region;

export function LocatedPhoto({ src, region }: { src: string; region: Region | undefined }) {
  const { t, number } = useI18n();
  // The box is drawn in the photo's own pixels, so that it lands where the photo is letterboxed in its frame.
  const [size, setSize] = useState<{ width: number; height: number }>();
  const found =
    region && t('match.foundAt', { place: t(`match.place.${placeOf(region)}`), share: number(shareOfFrame(region), { style: 'percent', maximumFractionDigits: 0 }) });
  return (
    <figure class="photo">
      <div class="located">
        <img
          class="thumb"
          src={src}
          alt={found ? `${t('match.yourPhoto')}: ${found}` : t('match.yourPhoto')}
          onLoad={(event) => setSize({ width: event.currentTarget.naturalWidth, height: event.currentTarget.naturalHeight })}
        />
        {region && size && (
          <svg class="region" viewBox={`0 0 ${size.width} ${size.height}`} preserveAspectRatio="xMidYMid meet" aria-hidden="true">
            {['halo', 'outline'].map((kind) => (
              <rect key={kind} class={kind} x={region.x * size.width} y={region.y * size.height} width={region.width * size.width} height={region.height * size.height} />
            ))}
          </svg>
        )}
      </div>
      <figcaption>
        <span>{t('match.yourPhoto')}</span>
        {/* Said once to a screen reader, in the photo's text alternative. */}
        {found && (
          <span class="found" aria-hidden="true">
            {found}
          </span>
        )}
      </figcaption>
    </figure>
  );
}
