// Turns a feed's records into lots through the mapping, and gives each lot its key (feed and lot URL) and its content
// hash (text and image URLs): the same key with the same hash is a lot already screened.
import { createHash } from 'node:crypto';
import type { FeedMapping, Lot, RunError } from '../../schemas/feeds.ts';
import { maxImagesPerLot } from './limits.ts';
import { pathOf, valuesAt } from './formats.ts';

const maxUrlLength = 2000;
const maxTextLength = 5000;

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  // An XML element with attributes keeps its text under #text.
  if (value !== null && typeof value === 'object' && Object.hasOwn(value, '#text')) return textOf((value as Record<string, unknown>)['#text']);
  return undefined;
}

const textsAt = (record: unknown, path: string | undefined) =>
  path === undefined ? [] : valuesAt(record, pathOf(path)).flatMap((value) => textOf(value) ?? []).map((text) => text.trim()).filter(Boolean);

/** Descriptions in feeds are often HTML: the words are what matching reads. */
export const plainText = (html: string): string =>
  html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

function absoluteUrl(text: string, base: string): string | undefined {
  try {
    const url = new URL(text, base);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.href.length <= maxUrlLength ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const clip = (text: string | undefined) => (text ? plainText(text).slice(0, maxTextLength) || undefined : undefined);

/** The lots of the records, and an error for each record that cannot be a lot; `base` resolves relative links. */
export function lotsOf(records: unknown[], mapping: FeedMapping, base: string): { lots: Lot[]; invalid: RunError[] } {
  const lots: Lot[] = [];
  const invalid: RunError[] = [];
  records.forEach((record, index) => {
    const position = `item ${index + 1}`;
    const url = textsAt(record, mapping.url).map((text) => absoluteUrl(text, base)).find(Boolean);
    if (!url) {
      invalid.push({ reason: 'lot-invalid', message: `has no http(s) link to the lot's page in ${mapping.url ?? '(no url field)'}`, lot: position });
      return;
    }
    // Separators for cells that list several images (CSV); a URL never contains a space, | or ;.
    const imageTexts = (mapping.images ?? []).flatMap((path) => textsAt(record, path)).flatMap((text) => text.split(/[\s|;]+/));
    const images = [...new Set(imageTexts.flatMap((text) => absoluteUrl(text, base) ?? []))].slice(0, maxImagesPerLot);
    const title = clip(textsAt(record, mapping.title)[0]);
    const description = clip(textsAt(record, mapping.description)[0]);
    if (!title && !description && images.length === 0) {
      invalid.push({ reason: 'lot-invalid', message: 'has neither text nor images to match', lot: url });
      return;
    }
    const saleDate = textsAt(record, mapping.saleDate)[0];
    const estimate = textsAt(record, mapping.estimate)[0];
    lots.push({ url, images, ...(title ? { title } : {}), ...(description ? { description } : {}), ...(saleDate ? { saleDate } : {}), ...(estimate ? { estimate: estimate.slice(0, 200) } : {}) });
  });
  return { lots, invalid };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The same lot page in the same feed is the same lot. */
export const lotKeyOf = (feedId: string, lotUrl: string): string => sha256(`${feedId}\n${lotUrl}`);

/** Changes when the lot's text or images change, and only then. */
export const contentHashOf = (lot: Pick<Lot, 'title' | 'description' | 'images'>): string =>
  sha256(JSON.stringify([lot.title ?? '', lot.description ?? '', lot.images]));

/** A sale date as the day it names (YYYY-MM-DD), from ISO dates or the RFC 822 dates of RSS; undefined if unreadable. */
export function dayOf(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const iso = /^(\d{4}-\d{2}-\d{2})/.exec(text.trim());
  const time = iso ? Date.parse(`${iso[1]}T00:00:00Z`) : Date.parse(text);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString().slice(0, 10);
}
