// Reads the records of a feed (RSS, Atom, JSON or CSV) with maintained parsers, and the default mapping of each format.
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { FeedFormat, FeedMapping } from '../../schemas/feeds.ts';
import { FetchFailed } from './model.ts';

/** Which field is what, when the feed's own mapping does not say: the usual fields of each format. */
export const defaultMappings: Record<FeedFormat, FeedMapping> = {
  rss: {
    items: 'rss.channel.item',
    title: 'title',
    description: 'description',
    url: 'link',
    images: ['enclosure.@_url', 'media:content.@_url', 'media:thumbnail.@_url'],
  },
  atom: {
    items: 'feed.entry',
    title: 'title',
    description: 'summary',
    url: 'link.@_href',
    images: ['media:content.@_url', 'media:thumbnail.@_url'],
  },
  // JSON Feed (jsonfeed.org) names, with the sale's own fields under the names most auction exports use.
  json: { items: 'items', title: 'title', description: 'content_text', url: 'url', images: ['image', 'images'], saleDate: 'saleDate', estimate: 'estimate' },
  csv: { title: 'title', description: 'description', url: 'url', images: ['images'], saleDate: 'saleDate', estimate: 'estimate' },
};

export const mappingOf = (format: FeedFormat, given: FeedMapping | undefined): FeedMapping => ({ ...defaultMappings[format], ...given });

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  htmlEntities: true,
  // fast-xml-parser's limits on entity expansion, tightened: a feed has no business defining thousands of entities.
  processEntities: { maxTotalExpansions: 10_000, maxExpandedLength: 1_000_000 },
  parseTagValue: false,
  parseAttributeValue: false,
});

function readXml(body: string): unknown {
  const valid = XMLValidator.validate(body);
  if (valid !== true) throw new FetchFailed('malformed', `the feed is not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  try {
    return xml.parse(body) as unknown;
  } catch (error) {
    throw new FetchFailed('malformed', `the feed could not be read as XML: ${(error as Error).message}`);
  }
}

function readJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    throw new FetchFailed('malformed', `the feed is not valid JSON: ${(error as Error).message}`);
  }
}

function readCsv(body: string): Record<string, string>[] {
  try {
    return parseCsv(body, { columns: true, skip_empty_lines: true, trim: true, bom: true, relax_column_count: true }) as Record<string, string>[];
  } catch (error) {
    throw new FetchFailed('malformed', `the feed is not valid CSV: ${(error as Error).message}`);
  }
}

/** Every value at a dotted path; a list anywhere along it contributes each of its items. */
export function valuesAt(value: unknown, path: readonly string[]): unknown[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.flatMap((item) => valuesAt(item, path));
  const [head, ...rest] = path;
  if (head === undefined) return [value];
  if (typeof value !== 'object' || !Object.hasOwn(value, head)) return [];
  return valuesAt((value as Record<string, unknown>)[head], rest);
}

export const pathOf = (dotted: string): string[] => (dotted === '' ? [] : dotted.split('.'));

/** The lots of a feed as records of fields, before mapping. */
export function readRecords(format: FeedFormat, body: string, mapping: FeedMapping): unknown[] {
  if (format === 'csv') return readCsv(body);
  const document = format === 'json' ? readJson(body) : readXml(body);
  const items = valuesAt(document, pathOf(mapping.items ?? ''));
  if (format !== 'json' && items.length === 0 && valuesAt(document, pathOf(mapping.items ?? '').slice(0, -1)).length === 0) {
    throw new FetchFailed('malformed', `the feed has no ${format === 'rss' ? 'RSS channel' : 'Atom feed'} at ${mapping.items}`);
  }
  return items;
}
