// Starting runs of feeds: one EventBridge Scheduler schedule per feed that invokes the fetch function, and a run
// started by hand as an asynchronous invocation of the same function.
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { ConflictException, CreateScheduleCommand, DeleteScheduleCommand, ResourceNotFoundException, SchedulerClient, UpdateScheduleCommand, type CreateScheduleCommandInput } from '@aws-sdk/client-scheduler';
import { feedSchedules } from '../../infra/resources.ts';
import type { FetchRequest } from '../../schemas/feeds.ts';
import type { FeedSchedules, RunStarter } from '../feeds/model.ts';

const scheduler = new SchedulerClient({});
const lambda = new LambdaClient({});

export const scheduleNameOf = (feedId: string) => `${feedSchedules.namePrefix}${feedId}`;

export function schedulerFeedSchedules(options: { group: string; fetchFunctionArn: string; roleArn: string }): FeedSchedules {
  const scheduleOf = (feed: Parameters<FeedSchedules['put']>[0]): CreateScheduleCommandInput => ({
    Name: scheduleNameOf(feed.id),
    GroupName: options.group,
    ScheduleExpression: feed.schedule,
    State: feed.enabled ? 'ENABLED' : 'DISABLED',
    // A few minutes of leeway lets the scheduler spread feeds that share a rate instead of reading them all at once.
    FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 5 },
    Target: {
      Arn: options.fetchFunctionArn,
      RoleArn: options.roleArn,
      Input: JSON.stringify({ feedId: feed.id, trigger: 'schedule' } satisfies FetchRequest),
      // A run that fails is recorded by the run itself; the next one comes at the next period.
      RetryPolicy: { MaximumRetryAttempts: 0 },
    },
  });
  return {
    async put(feed) {
      try {
        await scheduler.send(new CreateScheduleCommand(scheduleOf(feed)));
      } catch (error) {
        if (!(error instanceof ConflictException)) throw error;
        await scheduler.send(new UpdateScheduleCommand(scheduleOf(feed)));
      }
    },
    async remove(feedId) {
      try {
        await scheduler.send(new DeleteScheduleCommand({ Name: scheduleNameOf(feedId), GroupName: options.group }));
      } catch (error) {
        if (!(error instanceof ResourceNotFoundException)) throw error;
      }
    },
  };
}

export function lambdaRunStarter(fetchFunction: string): RunStarter {
  return {
    async start(request) {
      await lambda.send(new InvokeCommand({ FunctionName: fetchFunction, InvocationType: 'Event', Payload: JSON.stringify(request) }));
    },
  };
}
