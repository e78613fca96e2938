// A sighting queued on the device is sent with its photos and its idempotency key; a refusal ends it with the
// registry's reason, a lost network keeps it queued, and a photo uploaded once is not uploaded again.
import { describe, expect, it } from 'vitest';
import type { OutboxItem } from '../../../web/src/offline/db.ts';
import { sendSighting, type SendDeps } from '../../../web/src/offline/send-sighting.ts';

// As web/src/api throws them: ApiError (status, fields) and UploadError (status, 0 when the network failed).
const refusal = (status: number, message: string, fields: { path: string; reason: string }[] = []) => Object.assign(new Error(message), { status, fields });

const queued = (): OutboxItem => ({
  key: '6f1c1d8e-4a43-4a3e-9d0b-3c0f0b3f7a11',
  createdAt: '2026-03-01T10:00:00.000Z',
  report: { channel: 'customs', text: 'icône sur bois', seenAt: { date: '2026-03-01', country: 'GR' } },
  photos: [{ blob: new Blob([new Uint8Array(10)], { type: 'image/jpeg' }), name: 'seen.jpg' }],
  state: 'pending',
});

function fakes(overrides: { report?: () => Promise<{ id: string }>; upload?: SendDeps['upload'] } = {}) {
  const calls = { grants: 0, uploads: 0, reports: [] as { body: unknown; key: string | undefined }[], saved: [] as OutboxItem[] };
  const deps: SendDeps = {
    api: {
      requestQueryPhoto: async () => {
        calls.grants += 1;
        return { imageKey: `queries/u/${calls.grants}.jpg`, url: 'https://bucket.example/', fields: {}, maxBytes: 1_000_000, expiresAt: '2026-03-01T11:00:00.000Z' };
      },
      reportSighting: async (body, key) => {
        calls.reports.push({ body, key });
        return { id: 'sighting-1', status: 'pending', redLists: [], ...(await (overrides.report?.() ?? {})) } as never;
      },
    },
    upload:
      overrides.upload ??
      (async () => {
        calls.uploads += 1;
      }),
    save: async (item) => {
      calls.saved.push(item);
    },
    now: () => new Date('2026-03-01T12:00:00.000Z'),
  };
  return { deps, calls };
}

describe('sending a queued sighting', () => {
  it('uploads its photos, then reports it with its idempotency key and the photos’ keys', async () => {
    // Arrange
    const { deps, calls } = fakes();
    // Act
    const sent = await sendSighting(queued(), deps);
    // Assert
    expect(sent).toMatchObject({ state: 'sent', sightingId: 'sighting-1', sentAt: '2026-03-01T12:00:00.000Z' });
    expect(calls.uploads).toBe(1);
    expect(calls.reports).toEqual([{ body: { ...queued().report, imageKeys: ['queries/u/1.jpg'] }, key: queued().key }]);
  });

  it('keeps it queued when the network fails, with the photo already uploaded remembered for the retry', async () => {
    // Arrange
    const { deps, calls } = fakes({ report: () => Promise.reject(new TypeError('Failed to fetch')) });
    // Act
    const first = await sendSighting(queued(), deps);
    const retried = await sendSighting(first, fakes().deps);
    // Assert
    expect(first).toMatchObject({ state: 'pending', reason: 'Failed to fetch' });
    expect(first.photos[0]!.imageKey).toBe('queries/u/1.jpg');
    expect(calls.uploads).toBe(1);
    expect(retried).toMatchObject({ state: 'sent' });
    expect(retried.reason).toBeUndefined();
  });

  it('ends it as refused with the registry’s reason on a 4xx', async () => {
    // Arrange
    const refused = refusal(400, 'The request is invalid', [{ path: 'seenAt.country', reason: 'is not a country' }]);
    const { deps } = fakes({ report: () => Promise.reject(refused) });
    // Act
    const outcome = await sendSighting(queued(), deps);
    // Assert
    expect(outcome.state).toBe('failed');
    expect(outcome.reason).toBe('The request is invalid · seenAt.country: is not a country');
  });

  it('keeps it queued on a server error, an expired session or an upload cut off', async () => {
    for (const error of [refusal(503, 'HTTP 503'), refusal(401, 'HTTP 401')]) {
      const { deps } = fakes({ report: () => Promise.reject(error) });
      expect((await sendSighting(queued(), deps)).state).toBe('pending');
    }
    const { deps } = fakes({ upload: () => Promise.reject(refusal(0, 'network error')) });
    expect((await sendSighting(queued(), deps)).state).toBe('pending');
  });

  it('ends it as refused when the storage refuses the photo', async () => {
    const { deps } = fakes({ upload: () => Promise.reject(refusal(413, 'larger than 25 MB')) });
    expect(await sendSighting(queued(), deps)).toMatchObject({ state: 'failed', reason: 'larger than 25 MB' });
  });
});
