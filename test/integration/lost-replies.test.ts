// A conditional write that lands, then loses its reply: the SDK retries it, and the retry meets the item its first
// attempt wrote. That conditional-check failure is the registry's own success, and must not reach the caller as a
// conflict (who would send the report again, and make a duplicate). A genuine conflict must still be one.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { table } from '../../infra/resources.ts';
import type { ImageRecord, ImageRepository } from '../../functions/objects/model.ts';
import type { OrgRepository, StoredOrg } from '../../functions/orgs/model.ts';
import type { SightingRepository, StoredMatch } from '../../functions/sightings/model.ts';
import type { StoredSubscription, SubscriptionRepository } from '../../functions/alerts/model.ts';
import { openMatch, pendingSighting } from '../fixtures/sightings.ts';
import { adapterEnvironment, scratchTable } from '../support/adapter-env.ts';
import { dynamoLostReply, startFaultProxy } from '../support/fault-proxy.ts';

const endpoint = inject('dynamoEndpoint');
const tableName = `lost-replies-${randomUUID().slice(0, 8)}`;
let scratch: Awaited<ReturnType<typeof scratchTable>>;
let proxy: Awaited<ReturnType<typeof startFaultProxy>>;
let sightings: SightingRepository;
let images: ImageRepository;
let subscriptions: SubscriptionRepository;
let orgs: OrgRepository;

beforeAll(async () => {
  scratch = await scratchTable(endpoint, tableName, { partitionKey: table.partitionKey, sortKey: table.sortKey });
  // Every single-item write's first reply is lost; a retry that is refused is answered as DynamoDB answered it.
  proxy = await startFaultProxy(endpoint, dynamoLostReply(['PutItem']), { rate: 1, seed: 5 });
  adapterEnvironment(proxy.url);
  // The adapters read their endpoint when they load: after the environment above.
  const [{ dynamoSightings }, { dynamoRegistry }, { dynamoSubscriptions }, { dynamoOrgs }] = await Promise.all([
    import('../../functions/adapters/dynamo-sightings.ts'),
    import('../../functions/adapters/dynamo-registry.ts'),
    import('../../functions/adapters/dynamo-subscriptions.ts'),
    import('../../functions/adapters/dynamo-orgs.ts'),
  ]);
  sightings = dynamoSightings(tableName);
  images = dynamoRegistry(tableName).images;
  subscriptions = dynamoSubscriptions(tableName);
  orgs = dynamoOrgs(tableName);
});

afterAll(async () => {
  await proxy.close();
  await scratch.drop();
});

const at = new Date().toISOString();

const sighting = () => pendingSighting({ reportedBy: { sub: 'officer', org: 'customs-lost-replies', role: 'customs' } });

describe('a conditional write whose reply is lost after it landed', () => {
  it('reports a sighting once, and says it was stored', async () => {
    // Arrange
    const report = sighting();
    const before = proxy.counts().injected;

    // Act
    await sightings.create(report);

    // Assert
    expect(proxy.counts().injected).toBe(before + 1);
    expect(await sightings.get(report.id)).toEqual(report);
  });

  it('still refuses a different sighting under a taken id', async () => {
    // Arrange
    const report = sighting();
    await sightings.create(report);

    // Act
    const clash = sightings.create({ ...report, text: 'Another report entirely' });

    // Assert
    await expect(clash).rejects.toThrow(/stored already/);
    expect((await sightings.get(report.id))?.text).toBe(report.text);
  });

  it('records a review once, and a second reviewer still finds it reviewed', async () => {
    // Arrange
    const report = sighting();
    await sightings.create(report);
    const match = openMatch(report, 'museum-lost-replies');
    await sightings.recordMatches(report.id, [match], at);
    const review = (verdict: 'confirmed' | 'rejected', org: string): StoredMatch => ({ ...match, status: verdict, review: { verdict, by: { sub: 'reviewer', org }, at } });

    // Act
    const first = await sightings.reviewMatch(review('confirmed', 'museum-lost-replies'));
    const second = await sightings.reviewMatch(review('rejected', 'police-lost-replies'));

    // Assert
    expect(first).toBe(true);
    expect(second).toBe(false);
    expect((await sightings.getMatches([match.id]))[0]?.review?.verdict).toBe('confirmed');
  });

  it('registers a photo, a subscription and an organisation once each', async () => {
    // Arrange
    const objectId = randomUUID();
    const image: ImageRecord = { id: randomUUID(), objectId, status: 'pending', contentType: 'image/jpeg', uploadKey: `uploads/${objectId}/photo`, createdAt: at, updatedAt: at };
    const subscription: StoredSubscription = {
      id: randomUUID(),
      org: 'police-lost-replies',
      name: 'every match',
      delivery: { type: 'feed' },
      filter: { events: ['match'] },
      status: 'active',
      version: 1,
      createdAt: at,
      updatedAt: at,
      role: 'police',
      createdBy: 'analyst',
      channel: {},
    };
    const org: StoredOrg = {
      id: `museum-${randomUUID().slice(0, 8)}`,
      name: 'Museum of Lost Replies',
      kind: 'museum',
      country: 'GR',
      status: 'active',
      createdAt: at,
      updatedAt: at,
      version: 1,
      createdBy: 'ops-1',
    };

    // Act
    await images.create(image);
    await subscriptions.create(subscription);
    const created = await orgs.create(org);

    // Assert
    expect(await images.get(image.objectId, image.id)).toEqual(image);
    expect(await subscriptions.get(subscription.id)).toEqual(subscription);
    expect(created).toBe(true);
    expect(await orgs.create({ ...org, name: 'Someone else' })).toBe(false);
  });
});
