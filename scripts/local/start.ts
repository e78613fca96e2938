// `npm start`: runs the whole registry locally until Ctrl-C.
import { performance } from 'node:perf_hooks';
import { startLocalStack } from './stack.ts';

const started = performance.now();
const port = Number(process.env.PORT ?? 3000);
const dataDir = process.env.DATA_DIR ?? '.data';

const stack = await startLocalStack({
  port,
  dataDir,
  dynamoPort: Number(process.env.DYNAMODB_PORT ?? 8000),
  fauxqsPort: Number(process.env.FAUXQS_PORT ?? 4566),
  log: (line) => console.error(line),
  // `npm start -- --bundled` (or REGISTRY_BUNDLED=1): the functions as `npm run synth` last built them.
  bundled: process.argv.includes('--bundled') || process.env.REGISTRY_BUNDLED === '1',
});

console.log(`Registry running at ${stack.url} (ready in ${Math.round(performance.now() - started)} ms, data in ${dataDir})

Web console: ${stack.url}/  (local sign-in: pick a role and an organisation)

Get a token:
  curl -s -X POST ${stack.url}/dev/tokens -H 'content-type: application/json' \\
    -d '{"sub":"alice","org":"museum-of-corfu","role":"museum"}'
Then call the API with: -H "Authorization: Bearer <token>"
OpenAPI document: ${stack.url}/v1/openapi.json
Ctrl-C stops everything.`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log('Stopping…');
    stack.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
