// Names where a found region lies on a photo, by thirds, and how much of the frame it covers: its words for people.
import type * as z from 'zod';
import type { PhotoRegion } from '../../../../schemas/matching.ts';

type Region = z.output<typeof PhotoRegion>;
const rows = ['top', 'middle', 'bottom'] as const;
const columns = ['left', 'centre', 'right'] as const;
export type Place = `${(typeof rows)[number]}-${(typeof columns)[number]}`;

const third = (share: number) => Math.min(2, Math.max(0, Math.floor(share * 3)));

/** The third of the photo, across and down, that holds the region's centre. */
export function placeOf(region: Region): Place {
  return `${rows[third(region.y + region.height / 2)]!}-${columns[third(region.x + region.width / 2)]!}`;
}

/** The share of the photo's area the region covers, 0..1. */
export const shareOfFrame = (region: Region) => region.width * region.height;
