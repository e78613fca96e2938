// A partner's queue read without pause in the background, counting each alert id as it arrives.
import { partnerQueue } from './partners.ts';

export type AlertInbox = Awaited<ReturnType<typeof alertInbox>>;

/** Creates the queue, then receives from it until `stop()`; `counts` says how often each alertId arrived. */
export async function alertInbox(endpoint: string, name: string) {
  const queue = await partnerQueue(endpoint, name);
  const counts = new Map<string, number>();
  const receiveErrors: string[] = [];
  let seen = 0;
  let receiving = true;
  const loop = (async () => {
    while (receiving) {
      try {
        await queue.drain(1000);
      } catch (error) {
        // An emulator hiccup must not end the inbox: what the queue holds is still there on the next receive.
        receiveErrors.push(String(error));
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      for (const message of queue.received.slice(seen)) {
        const id = String(message.body?.alertId);
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      seen = queue.received.length;
    }
  })();
  return {
    arn: queue.arn,
    counts,
    receiveErrors,
    async stop() {
      receiving = false;
      await loop;
      queue.close();
    },
  };
}
