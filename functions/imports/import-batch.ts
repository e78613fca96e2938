// Imports a batch of rows from a file: each row is validated on its own, and a row whose inventory number the
// organisation already registered is skipped, so that running the same file again creates nothing twice.
import type { Caller } from '../../schemas/identity.ts';
import type { ImportBatch, ImportBatchResult } from '../../schemas/imports.ts';
import { RegisterObject } from '../../schemas/object-id.ts';
import { validate } from '../http/parse.ts';
import { assertAllowedOn } from '../http/permissions.ts';
import type { Clock, Ids, ImportedObject, ObjectRepository } from '../objects/model.ts';
import { newObject } from '../objects/register.ts';
import { inventoryNumbersOf } from './inventory-number.ts';

export type ImportDeps = { objects: ObjectRepository; clock: Clock; ids: Ids };

export async function importBatch(batch: ImportBatch, caller: Caller, deps: ImportDeps): Promise<ImportBatchResult> {
  const org = batch.org ?? caller.org;
  assertAllowedOn(caller, 'object.register', org, 'Only admins import records for another organisation');
  const at = deps.clock.now().toISOString();
  const result: ImportBatchResult = { imported: [], skipped: [], rejected: [] };
  const accepted: (ImportedObject & { row: number })[] = [];
  const rowOfNumber = new Map<string, number>();

  for (const { row, record } of batch.rows) {
    const parsed = validate(RegisterObject, record);
    if ('fields' in parsed) {
      result.rejected.push({ row, fields: parsed.fields });
      continue;
    }
    const numbers = inventoryNumbersOf(parsed.data);
    if (numbers.length === 0) {
      result.rejected.push({ row, fields: [{ path: 'markings', reason: 'needs an inventory-number marking: it is what makes a re-run skip the rows already in' }] });
      continue;
    }
    const repeated = numbers.find((number) => rowOfNumber.has(number));
    if (repeated) {
      result.rejected.push({ row, fields: [{ path: 'markings', reason: `repeats inventory number ${repeated} of row ${rowOfNumber.get(repeated)}` }] });
      continue;
    }
    for (const number of numbers) rowOfNumber.set(number, row);
    const { object, entry } = newObject(parsed.data, org, caller, at, deps.ids.next());
    accepted.push({ row, inventoryNumbers: numbers, object: batch.quiet ? { ...object, quietImport: true } : object, entry });
  }

  const existing = accepted.length > 0 ? await deps.objects.createMany(accepted) : new Map<string, string | undefined>();
  for (const { row, object, inventoryNumbers: [number = ''] } of accepted) {
    if (existing.has(object.id)) {
      const id = existing.get(object.id);
      result.skipped.push({ row, inventoryNumber: number, ...(id ? { id } : {}) });
    } else {
      result.imported.push({ row, id: object.id, inventoryNumber: number });
    }
  }
  return result;
}
