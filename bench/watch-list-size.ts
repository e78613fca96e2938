// The size of a watch list on a phone: JSON bytes per 1,000 entries (the fixtures' records, as the API writes them) and
// the bytes of the small thumbnails of generated photos, against the budget of 5,000 objects in 25 MB.
// `node bench/watch-list-size.ts [photos]`
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { normalisePhoto } from '../functions/images/photo.ts';
import type { StoredObject } from '../functions/objects/model.ts';
import { toEntry } from '../functions/watch-lists/watch-list.ts';
import { caller, objectFixtures } from '../test/fixtures/objects.ts';
import { fieldPhoto, registeredPhoto, syntheticObjects } from '../test/fixtures/photo-corpus.ts';
import { percentile } from '../test/support/stats.ts';

const photos = Number(process.argv[2] ?? 60);
const budget = { objects: 5_000, bytes: 25 * 1024 * 1024 };
const police = caller('police', 'hellenic-police');

// A Lambda signs with its role's temporary credentials: the session token makes up most of a presigned URL.
const s3 = new S3Client({ region: 'eu-central-1', credentials: { accessKeyId: 'ASIAEXAMPLEEXAMPLE00', secretAccessKey: 'x'.repeat(40), sessionToken: 'I'.repeat(1_100) } });
const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'registry-images-0123456789ab', Key: `thumbs/${crypto.randomUUID()}/${crypto.randomUUID()}-small.jpg` }), { expiresIn: 900 });

const records = Object.values(objectFixtures);
const entries = Array.from({ length: 1_000 }, (_, n) => {
  const record = records[n % records.length] as (typeof records)[number];
  const object = { ...record, id: crypto.randomUUID(), version: 3, orgId: 'museum', createdBy: 'curator', createdAt: '2026-11-20T10:00:00.000Z', updatedAt: '2026-11-20T10:00:00.000Z' } satisfies StoredObject;
  return toEntry(object, police, { url, expiresAt: '2026-11-20T10:15:00.000Z' });
});
const wire = Buffer.byteLength(JSON.stringify({ items: entries, removed: [], asOf: '2026-11-20T09:59:00.000Z' }));
// On the device the link is spent once the thumbnail is fetched: the entry is kept without it.
const kept = Buffer.byteLength(JSON.stringify(entries.map(({ thumbnail: _thumbnail, ...entry }) => entry)));

const small: number[] = [];
const large: number[] = [];
for (const [n, object] of syntheticObjects(photos / 2, 13).entries()) {
  for (const bytes of [await registeredPhoto(object), await fieldPhoto(object, 'lighting', n)]) {
    const photo = await normalisePhoto(bytes);
    small.push(photo.smallThumbnail.byteLength);
    large.push(photo.thumbnail.byteLength);
  }
}
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const onDevice = (budget.objects / 1_000) * kept + budget.objects * percentile(small, 95);

console.log(`JSON per 1,000 entries: ${kb(wire)} on the wire (presigned links ${url.length} characters each), ${kb(kept)} kept`);
console.log(`small thumbnail (160 px): mean ${kb(mean(small))}, p95 ${kb(percentile(small, 95))}; the 320 px thumbnail: mean ${kb(mean(large))}, p95 ${kb(percentile(large, 95))}`);
console.log(`${budget.objects.toLocaleString('en')} objects at the p95 thumbnail: ${mb(onDevice)} of ${mb(budget.bytes)} (with 320 px thumbnails: ${mb((budget.objects / 1_000) * kept + budget.objects * percentile(large, 95))})`);
