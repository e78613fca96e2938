// Reading feeds: RSS, Atom, JSON and CSV through the default and given mappings into lots, and the errors of each.
import { describe, expect, it } from 'vitest';
import { mappingOf, readRecords } from '../../../functions/feeds/formats.ts';
import { contentHashOf, dayOf, lotKeyOf, lotsOf } from '../../../functions/feeds/lots.ts';
import { FetchFailed } from '../../../functions/feeds/model.ts';
import type { FeedFormat, FeedMapping } from '../../../schemas/feeds.ts';

const base = 'https://auctions.example.org/sales/42/feed';
const read = (format: FeedFormat, body: string, mapping?: FeedMapping) => {
  const effective = mappingOf(format, mapping);
  return lotsOf(readRecords(format, body, effective), effective, base);
};

const rss = `<?xml version="1.0"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel><title>Sale 42</title>
    <item>
      <title>Lot 214: Icon of Saint Nicholas</title>
      <link>/lots/214</link>
      <description><![CDATA[<p>Tempera on panel, <b>42 x 31 cm</b>.</p><script>alert(1)</script>]]></description>
      <dc:date>2026-12-05</dc:date>
      <enclosure url="https://img.example.org/214-a.jpg" type="image/jpeg" length="1"/>
      <media:content url="https://img.example.org/214-b.jpg"/>
      <media:content url="https://img.example.org/214-b.jpg"/>
    </item>
    <item><title>Lot 215 &amp; 216: A pair of candlesticks</title><link>https://auctions.example.org/lots/215</link></item>
    <item><title>No link at all</title></item>
  </channel>
</rss>`;

describe('reading feeds', () => {
  it('reads RSS with the default mapping: links made absolute, HTML and scripts dropped, images deduplicated, lots without a link reported', () => {
    // Act
    const { lots, invalid } = read('rss', rss, { saleDate: 'dc:date' });

    // Assert
    expect(lots).toEqual([
      {
        url: 'https://auctions.example.org/lots/214',
        title: 'Lot 214: Icon of Saint Nicholas',
        description: 'Tempera on panel, 42 x 31 cm .',
        images: ['https://img.example.org/214-a.jpg', 'https://img.example.org/214-b.jpg'],
        saleDate: '2026-12-05',
      },
      { url: 'https://auctions.example.org/lots/215', title: 'Lot 215 & 216: A pair of candlesticks', images: [] },
    ]);
    expect(invalid).toEqual([{ reason: 'lot-invalid', message: "has no http(s) link to the lot's page in link", lot: 'item 3' }]);
  });

  it('reads Atom entries, taking the text of typed elements and the first link', () => {
    // Arrange
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>Sale</title>
      <entry><title type="text">Lot 3: Bronze statuette</title><link rel="alternate" href="https://m.example.org/3"/><summary type="html">&lt;p&gt;Osiris, 22 cm&lt;/p&gt;</summary></entry>
    </feed>`;

    // Act
    const { lots } = read('atom', atom);

    // Assert
    expect(lots).toEqual([{ url: 'https://m.example.org/3', title: 'Lot 3: Bronze statuette', description: 'Osiris, 22 cm', images: [] }]);
  });

  it('reads JSON at a given path with a given mapping, and CSV with several images in a cell', () => {
    // Arrange
    const json = JSON.stringify({ sale: { lots: [{ name: 'Lot 9: Mask', page: 'https://x.example.org/9', photos: [{ src: 'https://x.example.org/9.jpg' }], when: '2026-12-01', est: '2,000-3,000 EUR' }] } });
    const csv = 'title,url,images,saleDate\n"Lot 1: Vase",https://y.example.org/1,https://y.example.org/1a.jpg | https://y.example.org/1b.jpg,2026-12-02\n';

    // Act
    const fromJson = read('json', json, { items: 'sale.lots', title: 'name', url: 'page', images: ['photos.src'], saleDate: 'when', estimate: 'est' });
    const fromCsv = read('csv', csv);

    // Assert
    expect(fromJson.lots).toEqual([{ url: 'https://x.example.org/9', title: 'Lot 9: Mask', images: ['https://x.example.org/9.jpg'], saleDate: '2026-12-01', estimate: '2,000-3,000 EUR' }]);
    expect(fromCsv.lots).toEqual([{ url: 'https://y.example.org/1', title: 'Lot 1: Vase', images: ['https://y.example.org/1a.jpg', 'https://y.example.org/1b.jpg'], saleDate: '2026-12-02' }]);
  });

  it.each([
    ['rss', '<rss><channel><item><title>Lot 1</title></channel></rss>', /not well-formed XML/],
    ['rss', '<html><body>Sale moved</body></html>', /no RSS channel/],
    ['json', '{"items": [', /not valid JSON/],
    ['csv', 'title,url\n"Lot 1,https://x.example.org/1\n', /not valid CSV/],
  ] as const)('reports a malformed %s feed as malformed, with why', (format, body, why) => {
    // Act
    const attempt = () => readRecords(format, body, mappingOf(format, undefined));

    // Assert
    expect(attempt).toThrow(FetchFailed);
    expect(attempt).toThrow(why);
    try {
      attempt();
    } catch (error) {
      expect((error as FetchFailed).reason).toBe('malformed');
    }
  });

  it('keys a lot by its feed and URL, and hashes its text and images only', () => {
    // Arrange
    const lot = { url: 'https://a.example.org/1', title: 'Lot 1', images: ['https://a.example.org/1.jpg'] };

    // Act & Assert
    expect(lotKeyOf('feed-1', lot.url)).toBe(lotKeyOf('feed-1', lot.url));
    expect(lotKeyOf('feed-1', lot.url)).not.toBe(lotKeyOf('feed-2', lot.url));
    expect(contentHashOf({ ...lot })).toBe(contentHashOf({ ...lot, url: 'https://elsewhere.example.org' } as typeof lot));
    expect(contentHashOf({ ...lot, title: 'Lot 1 (withdrawn)' })).not.toBe(contentHashOf(lot));
    expect(contentHashOf({ ...lot, images: [] })).not.toBe(contentHashOf(lot));
  });

  it('reads sale dates written as ISO dates or RSS dates, and nothing else', () => {
    // Act & Assert
    expect(dayOf('2026-12-05')).toBe('2026-12-05');
    expect(dayOf('2026-12-05T18:00:00+01:00')).toBe('2026-12-05');
    expect(dayOf('Sat, 05 Dec 2026 10:00:00 GMT')).toBe('2026-12-05');
    expect(dayOf('next Tuesday')).toBeUndefined();
    expect(dayOf(undefined)).toBeUndefined();
  });
});
