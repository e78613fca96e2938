// EventBridge schedules for the local runtime: each declared function runs once every period, the first time one
// period after start, as a rule does after a deploy.
import { eventSources, type FunctionName } from '../../infra/wiring.ts';

type Invoke = (name: FunctionName, event: unknown) => Promise<unknown>;

/** What a schedule hands its function. */
export const scheduledEvent = () => ({ source: 'aws.scheduler', time: new Date().toISOString(), 'detail-type': 'Scheduled Event', detail: {} });

export function runSchedules(invoke: Invoke, log: (line: string) => void) {
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<unknown>>();
  for (const source of eventSources) {
    if (source.kind !== 'schedule') continue;
    const fire = () => {
      const run = invoke(source.fn, scheduledEvent()).catch(
        (error: unknown) => log(`${source.fn} failed on its schedule: ${String(error)}`),
      );
      running.add(run);
      void run.finally(() => running.delete(run));
    };
    timers.push(setInterval(fire, source.everyMinutes * 60_000));
  }
  return {
    async stop() {
      for (const timer of timers) clearInterval(timer);
      await Promise.allSettled([...running]);
    },
  };
}
