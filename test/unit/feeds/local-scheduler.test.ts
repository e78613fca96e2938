// The local Scheduler API, through the AWS SDK as the feeds function calls it: schedules made, read, changed, removed,
// and kept in the data folder across a restart.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConflictException, CreateScheduleCommand, DeleteScheduleCommand, GetScheduleCommand, ResourceNotFoundException, SchedulerClient, UpdateScheduleCommand, ValidationException } from '@aws-sdk/client-scheduler';
import { afterEach, describe, expect, it } from 'vitest';
import { serveScheduler, type LocalScheduler } from '../../../scripts/local/scheduler-api.ts';

const started: LocalScheduler[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((scheduler) => scheduler.stop()));
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function start(dataDir: string) {
  const scheduler = await serveScheduler({ dataDir, log: () => undefined });
  started.push(scheduler);
  return { scheduler, client: new SchedulerClient({ endpoint: scheduler.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }) };
}

const schedule = (expression: string) => ({
  Name: 'feed-1',
  GroupName: 'registry-feeds',
  ScheduleExpression: expression,
  FlexibleTimeWindow: { Mode: 'FLEXIBLE' as const, MaximumWindowInMinutes: 5 },
  Target: { Arn: 'arn:aws:lambda:us-east-1:000000000000:function:feedFetch', RoleArn: 'arn:aws:iam::000000000000:role/local-scheduler', Input: '{"feedId":"1"}' },
});

describe('the local Scheduler API', () => {
  it('creates, reads, updates and deletes a schedule with the errors the service gives, and keeps it across a restart', async () => {
    // Arrange
    const dataDir = await mkdtemp(join(tmpdir(), 'scheduler-'));
    dirs.push(dataDir);
    const first = await start(dataDir);

    // Act
    const created = await first.client.send(new CreateScheduleCommand(schedule('rate(15 minutes)')));
    const twice = await first.client.send(new CreateScheduleCommand(schedule('rate(15 minutes)'))).catch((error: unknown) => error);
    const cron = await first.client.send(new CreateScheduleCommand({ ...schedule('cron(0 12 * * ? *)'), Name: 'feed-2' })).catch((error: unknown) => error);
    await first.client.send(new UpdateScheduleCommand({ ...schedule('rate(1 hour)'), State: 'DISABLED' }));
    await first.scheduler.stop();
    started.pop();
    const second = await start(dataDir);
    const read = await second.client.send(new GetScheduleCommand({ Name: 'feed-1', GroupName: 'registry-feeds' }));
    await second.client.send(new DeleteScheduleCommand({ Name: 'feed-1', GroupName: 'registry-feeds' }));
    const gone = await second.client.send(new GetScheduleCommand({ Name: 'feed-1', GroupName: 'registry-feeds' })).catch((error: unknown) => error);

    // Assert
    expect(created.ScheduleArn).toBe('arn:aws:scheduler:us-east-1:000000000000:schedule/registry-feeds/feed-1');
    expect(twice).toBeInstanceOf(ConflictException);
    expect(cron).toBeInstanceOf(ValidationException);
    expect(read).toMatchObject({ Name: 'feed-1', ScheduleExpression: 'rate(1 hour)', State: 'DISABLED', Target: { Input: '{"feedId":"1"}' } });
    expect(read.CreationDate).toBeInstanceOf(Date);
    expect(gone).toBeInstanceOf(ResourceNotFoundException);
  });
});
