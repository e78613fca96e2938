// Waiting in tests for what the system does asynchronously (streams, queues, the image processor).

/** Reads until `done` holds, every `intervalMs`; after `timeoutMs` fails with the last value read. */
export async function until<T>(read: () => T | Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms: ${JSON.stringify(value)?.slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
