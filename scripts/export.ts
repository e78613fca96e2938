// Exports every object of one organisation through the public API: LIDO XML, Linked Art JSON-LD or JSON lines.
// `npm run export -- --org <org> --format lido|jsonld|jsonl [--out <file, or a directory for one JSON-LD file per record>] [--api <url>]`
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import * as z from 'zod';
import { toLinkedArt } from '../functions/interchange/jsonld.ts';
import { toLido } from '../functions/interchange/lido.ts';
import type { Caller } from '../schemas/identity.ts';
import { ObjectPage, ObjectView } from '../schemas/object.ts';
import { apiClient } from '../test/support/api.ts';

const Options = z.object({
  org: z.string().min(1, 'is required: the organisation whose objects to export'),
  format: z.enum(['lido', 'jsonld', 'jsonl']),
  out: z.string().optional(),
  api: z.url().default('http://127.0.0.1:3000'),
});

const { values } = parseArgs({ options: { org: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, api: { type: 'string' } } });
const parsed = Options.safeParse(values);
if (!parsed.success) {
  console.error(parsed.error.issues.map((issue) => `--${issue.path.join('.')} ${issue.message}`).join('\n'));
  process.exit(2);
}
const options = parsed.data;
const apiUrl = options.api.replace(/\/+$/, '');
const api = apiClient(apiUrl);
// The organisation's own museum role reads every one of its records, inventoried ones and restricted fields included.
const exporter: Caller = { sub: 'export', org: options.org, role: 'museum' };

async function get(path: string): Promise<unknown> {
  const reply = await api.call('GET', path, { as: exporter });
  if (reply.status !== 200) throw new Error(`GET ${path}: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

const started = performance.now();
const views: ObjectView[] = [];
let cursor: string | undefined;
do {
  const query = new URLSearchParams({ org: options.org, limit: '100', ...(cursor ? { cursor } : {}) });
  const page = ObjectPage.parse(await get(`/v1/objects?${query}`));
  views.push(...(await Promise.all(page.items.map(async (item) => ObjectView.parse(await get(`/v1/objects/${item.id}`))))));
  cursor = page.cursor;
  console.error(`read ${views.length} records of ${options.org}${cursor ? ', more to come' : ''}`);
} while (cursor);

async function write(text: string, file = options.out): Promise<void> {
  if (file) await writeFile(file, text);
  else process.stdout.write(text);
}

const outIsDirectory = options.out ? await stat(options.out).then((s) => s.isDirectory(), () => options.out?.endsWith('/')) : false;
if (options.format === 'lido') await write(toLido(views, apiUrl));
if (options.format === 'jsonl') await write(views.map((view) => `${JSON.stringify(view)}\n`).join(''));
if (options.format === 'jsonld' && options.out && outIsDirectory) {
  await mkdir(options.out, { recursive: true });
  for (const view of views) await write(`${JSON.stringify(toLinkedArt(view, apiUrl), null, 2)}\n`, join(options.out, `${view.id}.jsonld`));
} else if (options.format === 'jsonld') {
  await write(`${JSON.stringify(views.map((view) => toLinkedArt(view, apiUrl)), null, 2)}\n`);
}
console.error(`exported ${views.length} records in ${((performance.now() - started) / 1000).toFixed(1)} s`);
