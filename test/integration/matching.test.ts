// Search and sightings end to end: text in other languages and scripts, field photos, asynchronous matching
// driven by the table stream, reviews, and objects registered after the sighting.
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Caller } from '../../schemas/identity.ts';
import { RegisterObject } from '../../schemas/object-id.ts';
import { apiClient, postToPresignedUpload, waitForImage, type Reply } from '../support/api.ts';
import { until } from '../support/until.ts';
import { greekIcon, italianPainting, malianTerracotta, mughalFolio } from '../fixtures/objects.ts';
import { fieldPhoto, placedFieldPhoto, registeredPhoto, syntheticObjects } from '../fixtures/photo-corpus.ts';

const api = apiClient(inject('apiUrl'));
const run = randomUUID().slice(0, 8);
const museum: Caller = { sub: 'registrar-1', org: `museum-matching-${run}`, role: 'museum' };
const customs: Caller = { sub: 'officer-1', org: `customs-${run}`, role: 'customs' };
const market: Caller = { sub: 'monitor-1', org: `auction-watch-${run}`, role: 'market' };
const police: Caller = { sub: 'analyst-1', org: `police-${run}`, role: 'police' };

// Each run registers its objects with inventory numbers of its own, as museums do, so that the copies of the
// same fixtures registered by other test files are near twins told apart by the number.
const serial = Number.parseInt(run.slice(0, 6), 16) % 900_000;
const inventory = (offset: number) => String(100_000 + ((serial + offset * 7919) % 900_000));
const tagged = (record: RegisterObject, number: string) => RegisterObject.parse({ ...record, markings: [{ kind: 'inventory-number', text: number }] });
const icon = tagged(greekIcon, `ΚΑΣ ${inventory(1)}`);
const painting = tagged(italianPainting, `BO ${inventory(2)}`);

async function register(body: RegisterObject) {
  const reply = await api.call('POST', '/v1/objects', { as: museum, body });
  expect(reply.status).toBe(201);
  return reply.body.id as string;
}

const settledSighting = (id: string, as: Caller = customs) =>
  until(
    () => api.call('GET', `/v1/sightings/${id}`, { as }),
    (reply: Reply) => reply.body.status !== 'pending',
  );

async function uploadQueryPhoto(bytes: Uint8Array, as: Caller) {
  const grant = await api.call('POST', '/v1/uploads', { as, body: { contentType: 'image/jpeg' } });
  expect(grant.status).toBe(201);
  expect(await postToPresignedUpload(grant.body, bytes, 'image/jpeg')).toBe(204);
  return grant.body.imageKey as string;
}

let iconId: string;
let paintingId: string;

beforeAll(async () => {
  iconId = await register(icon);
  paintingId = await register(painting);
});

describe('searching by text', () => {
  it('finds the icon from a Turkish report with a transliterated inscription and the inventory number', async () => {
    // Act
    const reply = await until(
      () => api.call('POST', '/v1/search', { as: market, body: { text: `Aziz Nikolaos ikonası, üzerinde "O AGIOS NIKOLAOS" yazıyor, arkasında envanter numarası ΚΑΣ ${inventory(1)}`, lang: 'tr' } }),
      (r: Reply) => r.body.candidates?.[0]?.objectId === iconId,
    );
    // Assert
    const [best] = reply.body.candidates;
    expect(best.score).toBeGreaterThanOrEqual(reply.body.alertThreshold);
    expect(best.reasons.map((reason: { field: string }) => reason.field)).toEqual(expect.arrayContaining(['inscriptions', 'markings']));
    expect(best.object).not.toHaveProperty('policeReference');
  });

  it('answers 400 when there is nothing to search by', async () => {
    // Act
    const reply = await api.call('POST', '/v1/search', { as: market, body: { limit: 5 } });
    // Assert
    expect(reply.status).toBe(400);
  });
});

describe('searching by photo', () => {
  const [subject, stranger] = syntheticObjects(2, 4242, 0, `photo-${run}`);
  let objectId: string;

  beforeAll(async () => {
    objectId = await register(tagged(malianTerracotta, `ML ${inventory(4)}`));
    const grant = await api.call('POST', `/v1/objects/${objectId}/images`, { as: museum, body: { contentType: 'image/jpeg' } });
    await postToPresignedUpload(grant.body, await registeredPhoto(subject!), 'image/jpeg');
    expect((await waitForImage(api, museum, objectId, grant.body.imageId)).status).toBe('ready');
  });

  it('finds the object from a cropped, rotated field photo uploaded through /v1/uploads', async () => {
    // Arrange
    const imageKey = await uploadQueryPhoto(await fieldPhoto(subject!, 'rotation', 7), customs);
    // Act
    const reply = await until(
      () => api.call('POST', '/v1/search', { as: customs, body: { imageKey } }),
      (r: Reply) => r.body.candidates?.[0]?.objectId === objectId,
    );
    // Assert
    expect(reply.body.candidates[0].reasons.some((reason: { detail: string }) => /keypoints/.test(reason.detail))).toBe(true);
  });

  it('accepts the photo inline as base64, and does not match a photo of another object above the threshold', async () => {
    // Arrange
    const image = (await fieldPhoto(stranger!, 'crop', 3)).toString('base64');
    // Act
    const reply = await api.call('POST', '/v1/search', { as: customs, body: { image } });
    // Assert
    expect(reply.status).toBe(200);
    const onSubject = reply.body.candidates.find((candidate: { objectId: string }) => candidate.objectId === objectId);
    expect(onSubject?.score ?? 0).toBeLessThan(reply.body.alertThreshold);
  });

  it('refuses another organisation’s upload (403) and a file that is not a photo (400)', async () => {
    // Arrange
    const theirs = await uploadQueryPhoto(await fieldPhoto(subject!, 'crop', 1), police);
    // Act
    const foreign = await api.call('POST', '/v1/search', { as: customs, body: { imageKey: theirs } });
    const notAPhoto = await api.call('POST', '/v1/search', { as: customs, body: { image: Buffer.from('not a photo at all').toString('base64') } });
    // Assert
    expect(foreign.status).toBe(403);
    expect(notAPhoto.status).toBe(400);
    expect(notAPhoto.body.error.fields[0]).toMatchObject({ path: 'image', reason: 'the file is not a JPEG, PNG or WebP image' });
  });
});

describe('searching by a small photo, and where the object was found', () => {
  const [bulletinObject, decoy, placedObject] = syntheticObjects(3, 5151, 0, `small-${run}`);
  let bulletinId: string;
  let placedId: string;

  async function registerWithPhoto(record: RegisterObject, bytes: Buffer) {
    const id = await register(record);
    const grant = await api.call('POST', `/v1/objects/${id}/images`, { as: museum, body: { contentType: 'image/jpeg' } });
    await postToPresignedUpload(grant.body, bytes, 'image/jpeg');
    return { id, image: await waitForImage(api, museum, id, grant.body.imageId) };
  }

  beforeAll(async () => {
    // An old museum digitisation of 180×180 pixels, and an ordinary photo of another object.
    const bulletin = await registerWithPhoto(tagged(malianTerracotta, `ML ${inventory(5)}`), await sharp(await registeredPhoto(bulletinObject!)).resize(180, 180).jpeg().toBuffer());
    expect(bulletin.image).toMatchObject({ status: 'ready', width: 180, height: 180 });
    bulletinId = bulletin.id;
    const placed = await registerWithPhoto(tagged(malianTerracotta, `ML ${inventory(6)}`), await registeredPhoto(placedObject!));
    expect(placed.image.status).toBe('ready');
    placedId = placed.id;
  });

  it('finds a registered 180 px photo from a 180×135 px field photo, and says the evidence is a small photo', async () => {
    // Arrange
    const small = await sharp(await fieldPhoto(bulletinObject!, 'rotation', 4)).resize(180, 135, { fit: 'fill' }).jpeg({ quality: 75 }).toBuffer();
    const imageKey = await uploadQueryPhoto(small, customs);
    // Act
    const reply = await until(
      () => api.call('POST', '/v1/search', { as: customs, body: { imageKey } }),
      (r: Reply) => r.body.candidates?.[0]?.objectId === bulletinId,
    );
    // Assert
    const [best] = reply.body.candidates;
    const photoReason = best.reasons.find((reason: { field: string }) => reason.field === 'photo');
    expect(photoReason).toMatchObject({ limited: true, detail: expect.stringMatching(/; small photo: 180×135 px, \d+ keypoints$/) });
    expect(best.confidence).not.toBe('high');
  });

  it('refuses a photo under 64 pixels, as a query (400 naming the field) and as a registered photo (rejected with the reason)', async () => {
    // Arrange
    const tiny = await sharp(await registeredPhoto(bulletinObject!)).resize(60, 48, { fit: 'fill' }).jpeg().toBuffer();
    const reason = 'the image is 60×48 pixels, too small to identify an object: the short side must be at least 64 pixels';
    const imageKey = await uploadQueryPhoto(tiny, customs);
    // Act
    const byKey = await api.call('POST', '/v1/search', { as: customs, body: { imageKey } });
    const inline = await api.call('POST', '/v1/search', { as: customs, body: { image: tiny.toString('base64') } });
    const registered = await registerWithPhoto(tagged(malianTerracotta, `ML ${inventory(7)}`), tiny);
    // Assert
    expect(byKey.status).toBe(400);
    expect(byKey.body.error.fields).toEqual([{ path: 'imageKey', reason }]);
    expect(inline.status).toBe(400);
    expect(inline.body.error.fields).toEqual([{ path: 'image', reason }]);
    expect(registered.image).toMatchObject({ status: 'rejected', reason });
  });

  it('returns the region of a field photo where the object lies, off-centre beside another object', async () => {
    // Arrange: the registered photo scaled into the right half of a busy 960×720 scene
    const placement = { x: 0.55, y: 0.2, width: 0.35, height: 0.6 };
    const image = (await placedFieldPhoto(placedObject!, placement, decoy!, 21)).toString('base64');
    // Act
    const reply = await until(
      () => api.call('POST', '/v1/search', { as: customs, body: { image } }),
      (r: Reply) => r.body.candidates?.[0]?.objectId === placedId,
    );
    // Assert: the box lies within the placement (keypoints sit inside the object) and covers part of it
    const { region } = reply.body.candidates[0].reasons.find((reason: { field: string }) => reason.field === 'photo');
    const slack = 0.03;
    expect(region.x).toBeGreaterThanOrEqual(placement.x - slack);
    expect(region.y).toBeGreaterThanOrEqual(placement.y - slack);
    expect(region.x + region.width).toBeLessThanOrEqual(placement.x + placement.width + slack);
    expect(region.y + region.height).toBeLessThanOrEqual(placement.y + placement.height + slack);
    expect(region.width * region.height).toBeGreaterThan(0);
  });
});

describe('sightings', () => {
  it('are accepted with 202, matched from the stream, and shown with their scored matches', async () => {
    // Act
    const accepted = await api.call('POST', '/v1/sightings', {
      as: customs,
      body: {
        channel: 'customs',
        text: `Icône de saint Nicolas dans une valise, inscription grecque ΑΓΙΟΣ ΝΙΚΟΛΑΟΣ, numéro ΚΑΣ ${inventory(1)} au dos, environ 17 in`,
        lang: 'fr',
        seenAt: { date: '2026-11-20', country: 'AL', place: 'Kakavia' },
      },
    });
    const sighting = await settledSighting(accepted.body.id);
    // Assert
    expect(accepted.status).toBe(202);
    expect(sighting.body.status).toBe('matched');
    expect(sighting.body.matches[0]).toMatchObject({ objectId: iconId, status: 'open' });
  });

  it('match an object registered after the sighting was reported', async () => {
    // Arrange: a sighting of an object nobody has registered yet
    const number = inventory(3);
    const accepted = await api.call('POST', '/v1/sightings', {
      as: customs,
      body: {
        channel: 'online-marketplace',
        text: `Folio from a Mughal manuscript, Babur receiving envoys in a garden, Persian text above, library seal with accession ${number}, about 10 x 6.5 in`,
        lang: 'en',
        seenAt: { date: '2026-11-01', country: 'GB' },
      },
    });
    expect((await settledSighting(accepted.body.id)).body.status).toBe('no-match');
    // Act
    const lateId = await register(RegisterObject.parse({ ...mughalFolio, markings: [{ kind: 'seal', text: `Library seal, accession ${number}` }] }));
    // Assert
    const sighting = await until(
      () => api.call('GET', `/v1/sightings/${accepted.body.id}`, { as: customs }),
      (r: Reply) => r.body.status === 'matched',
    );
    expect(sighting.body.matches.map((match: { objectId: string }) => match.objectId)).toContain(lateId);
  });

  it('match a photo-only sighting to an object whose photo is registered after it, with no region drawn on the wrong photo', async () => {
    // Arrange: a field photo of an object nobody has registered yet
    const [late] = syntheticObjects(1, 6262, 0, `late-${run}`);
    const imageKey = await uploadQueryPhoto(await fieldPhoto(late!, 'rotation', 9), customs);
    const accepted = await api.call('POST', '/v1/sightings', { as: customs, body: { channel: 'customs', imageKeys: [imageKey], seenAt: { date: '2026-11-03', country: 'GR' } } });
    expect((await settledSighting(accepted.body.id)).body.status).toBe('no-match');
    // Act
    const lateId = await register(tagged(malianTerracotta, `ML ${inventory(8)}`));
    const grant = await api.call('POST', `/v1/objects/${lateId}/images`, { as: museum, body: { contentType: 'image/jpeg' } });
    await postToPresignedUpload(grant.body, await registeredPhoto(late!), 'image/jpeg');
    // Assert: matched from the registered photo, whose keypoints are not where the object is on the field photo
    const sighting = await until(
      () => api.call('GET', `/v1/sightings/${accepted.body.id}`, { as: customs }),
      (r: Reply) => r.body.matches?.some((match: { objectId: string }) => match.objectId === lateId),
    );
    const match = sighting.body.matches.find((candidate: { objectId: string }) => candidate.objectId === lateId);
    const photoReason = match.reasons.find((reason: { field: string }) => reason.field === 'photo');
    expect(photoReason.detail).toMatch(/geometrically consistent keypoints/);
    expect(photoReason).not.toHaveProperty('region');
  });

  it('lets the owning museum confirm a match once, and keeps a rejected pair rejected when the object changes', async () => {
    // Arrange
    const accepted = await api.call('POST', '/v1/sightings', {
      as: customs,
      body: { channel: 'auction', text: `Madonna con Bambino, olio su tela, cerchia di Guido Reni, etichetta BO ${inventory(2)} sul telaio`, lang: 'it', seenAt: { date: '2026-11-02', country: 'DE' }, sourceUrl: 'https://auction.example.org/lot/214' },
    });
    const sighting = await settledSighting(accepted.body.id);
    const match = sighting.body.matches.find((candidate: { objectId: string }) => candidate.objectId === paintingId);
    // Act
    const byMarket = await api.call('POST', `/v1/matches/${match.id}/review`, { as: market, body: { verdict: 'confirmed' } });
    const rejected = await api.call('POST', `/v1/matches/${match.id}/review`, { as: museum, body: { verdict: 'rejected', note: 'Our painting has a different frame label' } });
    const again = await api.call('POST', `/v1/matches/${match.id}/review`, { as: museum, body: { verdict: 'confirmed' } });
    await api.call('PATCH', `/v1/objects/${paintingId}`, { as: museum, headers: { 'if-match': '1' }, body: { title: 'Madonna col Bambino' } });
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const after = await api.call('GET', `/v1/sightings/${accepted.body.id}`, { as: customs });
    // Assert
    expect(byMarket.status).toBe(403);
    expect(rejected.status).toBe(200);
    expect(again.status).toBe(409);
    const pairs = after.body.matches.filter((candidate: { objectId: string }) => candidate.objectId === paintingId);
    expect(pairs).toEqual([expect.objectContaining({ id: match.id, status: 'rejected' })]);
  });

  it('rejects a sighting with nothing to match and a photo key that was never uploaded', async () => {
    // Act
    const empty = await api.call('POST', '/v1/sightings', { as: customs, body: { channel: 'customs', seenAt: { date: '2026-11-01', country: 'GR' } } });
    const missingPhoto = await api.call('POST', '/v1/sightings', {
      as: customs,
      body: { channel: 'customs', imageKeys: [`queries/${customs.org}/${randomUUID()}`], seenAt: { date: '2026-11-01', country: 'GR' } },
    });
    // Assert
    expect(empty.status).toBe(400);
    expect(missingPhoto.status).toBe(400);
    expect(missingPhoto.body.error.fields[0].path).toBe('imageKeys.0');
  });
});
