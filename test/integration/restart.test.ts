// `npm start` keeps its data in DATA_DIR across a restart, and Ctrl-C stops every process it started.
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { apiClient, postToPresignedUpload, waitForImage } from '../support/api.ts';
import { freePort, launchLocalStack, type LaunchedStack } from '../support/local-stack.ts';
import { photoJpeg } from '../fixtures/photos.ts';
import { malianTerracotta } from '../fixtures/objects.ts';

const museum = { sub: 'registrar-1', org: 'musee-national-du-mali', role: 'museum' } as const;

const portIsClosed = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });

let dataDir: string;
let running: LaunchedStack | undefined;

afterAll(async () => {
  await running?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('restarting npm start', () => {
  it('keeps objects, history and photos, and stops DynamoDB Local and the emulator on Ctrl-C', async () => {
    // Arrange
    dataDir = await mkdtemp(join(tmpdir(), 'registry-restart-'));
    const ports = { port: await freePort(), dynamoPort: await freePort(), fauxqsPort: await freePort() };
    running = await launchLocalStack(dataDir, ports);
    let api = apiClient(running.url);
    const body = { ...malianTerracotta, status: 'missing' as const };
    const created = (await api.call('POST', '/v1/objects', { as: museum, body })).body;
    await api.call('POST', `/v1/objects/${created.id}/status`, { as: museum, body: { status: 'stolen', note: 'Confirmed theft' } });
    const grant = (await api.call('POST', `/v1/objects/${created.id}/images`, { as: museum, body: { contentType: 'image/jpeg' } })).body;
    await postToPresignedUpload(grant, await photoJpeg(800, 600), 'image/jpeg');
    await waitForImage(api, museum, created.id, grant.imageId);

    // Act
    const exitCode = await running.stop();
    running = undefined;
    const closed = await Promise.all([ports.port, ports.dynamoPort, ports.fauxqsPort].map(portIsClosed));
    running = await launchLocalStack(dataDir, ports);
    api = apiClient(running.url);
    const after = await api.call('GET', `/v1/objects/${created.id}`, { as: museum });
    const history = await api.call('GET', `/v1/objects/${created.id}/history`, { as: museum });

    // Assert
    expect(exitCode).toBe(0);
    expect(closed).toEqual([true, true, true]);
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ id: created.id, status: 'stolen', version: 2 });
    expect(history.body.items.map((entry: { change: string }) => entry.change)).toEqual(['registered', 'status-changed']);
    const [image] = after.body.images;
    expect(image.status).toBe('ready');
    expect((await fetch(image.thumbnailUrl)).status).toBe(200);
  });
});
