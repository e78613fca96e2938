// Bulk import: a batch of Object ID records from a museum's or a police database's file, and what became of each row.
import * as z from 'zod';
import { OrgId } from './orgs.ts';
import { Id } from './primitives.ts';

/** Rows per request: big enough to make 40,000 records a few hundred requests, small enough for a 1 MB body. */
export const maxImportRows = 100;
/** Rows of a file sent whole: what one function invocation imports well within its time; more, with npm run import. */
export const maxFileRows = 1000;

export const SourceFormat = z.enum(['csv', 'jsonl', 'lido']).meta({ description: 'CSV with a header row, JSON lines of RegisterObject records, or LIDO XML' });
export type SourceFormat = z.infer<typeof SourceFormat>;

const sendingKey = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8 to 64 letters, digits, - or _ (a UUID does)')
  .meta({
    description:
      'A key the importer makes for each batch: sent again with it (after a 503 or a lost answer), the rows its first sending wrote come back as imported, not as skipped',
  });

const importRow = z.strictObject({
  row: z.int().positive().meta({ description: 'Where the record stands in the source file, for the report' }),
  record: z.unknown().meta({ description: 'A RegisterObject record; validated row by row, so one bad row does not stop the others' }),
  holder: z
    .string()
    .trim()
    .min(1)
    .max(300)
    .optional()
    .meta({ description: 'The collection the inventory number belongs to, in a register of many holders: numbers are then kept per holder, so "001" of two collections are two objects' }),
});

export const ImportBatch = z
  .strictObject({
    org: OrgId.optional().meta({ description: 'Admins only: the organisation the records belong to (default: the caller\'s)' }),
    quiet: z
      .boolean()
      .default(false)
      .meta({
        description:
          'A backlog rather than news (a police database joining the network): no new-object alerts and no look back over recent sightings; the records are searched and matched against every new sighting as usual',
      }),
    rows: z.array(importRow).min(1).max(maxImportRows),
    sendingKey: sendingKey.optional(),
  })
  .meta({ id: 'ImportBatch', description: 'Up to 100 rows of a file; each needs an inventory-number marking, which makes a re-run skip what is already in' });
export type ImportBatch = z.infer<typeof ImportBatch>;

const FieldErrors = z.array(z.strictObject({ path: z.string(), reason: z.string() }));

export const ImportBatchResult = z
  .strictObject({
    imported: z.array(z.strictObject({ row: z.int(), id: Id, inventoryNumber: z.string() })),
    skipped: z
      .array(
        z.strictObject({
          row: z.int(),
          inventoryNumber: z.string(),
          holder: z.string().optional(),
          id: Id.optional().meta({ description: 'The object already registered under that number' }),
        }),
      )
      .meta({ description: 'Rows whose inventory number (of that holder, when the row names one) the organisation already registered, by an earlier import or by hand: nothing was written' }),
    rejected: z.array(z.strictObject({ row: z.int(), fields: FieldErrors })).meta({ description: 'Rows that are not valid records, with every failing field' }),
    ignoredColumns: z.array(z.string()).optional().meta({ description: 'A file sent whole: its columns no field is known for (or the mapping ignores), left out of every row' }),
  })
  .meta({ id: 'ImportBatchResult' });
export type ImportBatchResult = z.infer<typeof ImportBatchResult>;

/** A field of a record a column may fill: a RegisterObject field path, the inventory number, an inscription, photos. */
export const ImportField = z
  .string()
  .regex(/^[a-zA-Z]+(\.[a-zA-Z]+)?$/, 'must be a field path such as "title", "incident.country" or "measurements.height"')
  .meta({
    description:
      'Also "inventoryNumber", "inscription", "images" (photo file names), "dimensions" (sizes as text, e.g. "h. 24 cm") and "holder" (the collection an inventory number belongs to, in a register of many)',
  });

export const ImportMapping = z
  .strictObject({
    columns: z
      .record(z.string(), ImportField)
      .optional()
      .meta({ description: 'CSV header (or a dotted path into a JSON line) -> field; headers named like the fields, or as people usually write them in English, French, German, Spanish or Italian, need no entry' }),
    ignore: z.array(z.string()).optional().meta({ description: 'Columns to leave out; a column no field is known for is left out anyway, and listed in the summary' }),
    listSeparator: z.string().min(1).max(3).default(';').meta({ description: 'Between the items of materials, techniques and images' }),
    defaults: z
      .record(ImportField, z.union([z.string(), z.number()]))
      .optional()
      .meta({ description: 'Values for fields a row leaves empty, e.g. { "status": "stolen", "incident.country": "GR", "lang": "el" }' }),
  })
  .meta({ id: 'ImportMapping', description: 'How the columns of a CSV file (or the gaps of any file) become Object ID fields' });
export type ImportMapping = z.infer<typeof ImportMapping>;

export const ImportRequest = z
  .strictObject({
    org: ImportBatch.shape.org,
    quiet: ImportBatch.shape.quiet,
    rows: z.array(importRow).min(1).max(maxImportRows).optional().meta({ description: 'Up to 100 rows already read from a file (what npm run import sends)' }),
    sendingKey: sendingKey.optional(),
    file: z
      .strictObject({
        format: SourceFormat,
        content: z.string().min(1).meta({ description: `The file itself, up to ${maxFileRows} rows (the request body is at most 1 MB); photos are added to the objects afterwards` }),
        mapping: ImportMapping.optional(),
      })
      .optional(),
  })
  .superRefine((request, ctx) => {
    if (Boolean(request.rows) === Boolean(request.file)) ctx.addIssue({ code: 'custom', path: ['rows'], message: 'give either rows or file' });
  })
  .meta({ id: 'ImportRequest', description: 'Rows read from a file, or a small file whole; each record needs an inventory-number marking, which makes a re-run skip what is already in' });
export type ImportRequest = z.infer<typeof ImportRequest>;
