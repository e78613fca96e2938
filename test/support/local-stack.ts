// Launches `npm start`'s entry point as a child process on free ports, as a newcomer would run it.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

export interface LaunchedStack {
  url: string;
  /** fauxqs (SNS, SQS, S3) and DynamoDB Local, for tests that act as a partner's own queue or look underneath. */
  awsEndpoint: string;
  dynamoEndpoint: string;
  child: ChildProcess;
  output: () => string;
  /** Ctrl-C, then wait for every child process to end. */
  stop(): Promise<number | null>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

export async function launchLocalStack(
  dataDir: string,
  ports?: { port: number; dynamoPort: number; fauxqsPort: number },
  /** bundled: the functions from their bundles in cdk.out (`npm start -- --bundled`). */
  options: { bundled?: boolean } = {},
): Promise<LaunchedStack> {
  const chosen = ports ?? { port: await freePort(), dynamoPort: await freePort(), fauxqsPort: await freePort() };
  const root = resolve(import.meta.dirname, '../..');
  const child = spawn(process.execPath, ['scripts/local/start.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(chosen.port),
      DYNAMODB_PORT: String(chosen.dynamoPort),
      FAUXQS_PORT: String(chosen.fauxqsPort),
      DATA_DIR: dataDir,
      REGISTRY_BUNDLED: options.bundled ? '1' : '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit');

  const url = await new Promise<string>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`local stack did not start within 90 s:\n${output}`)), 90_000);
    const check = () => {
      const found = /Registry running at (http:\/\/\S+)/.exec(output)?.[1];
      if (found) {
        clearTimeout(timer);
        ready(found);
      }
    };
    child.stdout?.on('data', check);
    void exited.then(() => {
      clearTimeout(timer);
      fail(new Error(`local stack exited during start-up:\n${output}`));
    });
  });

  return {
    url,
    awsEndpoint: `http://127.0.0.1:${chosen.fauxqsPort}`,
    dynamoEndpoint: `http://127.0.0.1:${chosen.dynamoPort}`,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill('SIGINT');
      const [code] = (await exited) as [number | null];
      return code;
    },
  };
}
