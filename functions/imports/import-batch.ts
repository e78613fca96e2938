// Imports a batch of rows from a file: each row is validated on its own, and a row whose inventory number the
// organisation already registered is skipped, so that running the same file again creates nothing twice.
import type { Caller } from '../../schemas/identity.ts';
import type { ImportBatch, ImportBatchResult } from '../../schemas/imports.ts';
import { RegisterObject } from '../../schemas/object-id.ts';
import type { FieldError } from '../http/errors.ts';
import { validate } from '../http/parse.ts';
import { assertAllowedOn } from '../http/permissions.ts';
import type { Clock, ExistingNumber, Ids, ImportedObject, ObjectRepository } from '../objects/model.ts';
import { newObject } from '../objects/register.ts';
import { inventoryNumbersOf, normaliseInventoryNumber } from './inventory-number.ts';

export type ImportDeps = { objects: ObjectRepository; clock: Clock; ids: Ids };

const noDescription = 'is required: give a description, or a type with a title or the materials, from which one is written';
const hasDescription = (record: unknown) => typeof record === 'object' && record !== null && 'description' in record;

/** A row as the import judges it: a valid record with an inventory number, or every reason it is not. */
export function judgeRow(record: unknown): { data: RegisterObject; numbers: string[] } | { fields: FieldError[] } {
  const parsed = validate(RegisterObject, record);
  if ('fields' in parsed) return { fields: parsed.fields.map((field) => (field.path === 'description' && !hasDescription(record) ? { ...field, reason: noDescription } : field)) };
  const numbers = inventoryNumbersOf(parsed.data);
  if (numbers.length === 0) {
    return { fields: [{ path: 'markings', reason: 'needs an inventory number (a column such as "Inventory No.", or workID in LIDO): it is what makes a re-run skip the rows already in' }] };
  }
  return { data: parsed.data, numbers };
}

export async function importBatch(batch: ImportBatch, caller: Caller, deps: ImportDeps): Promise<ImportBatchResult> {
  const org = batch.org ?? caller.org;
  assertAllowedOn(caller, 'object.register', org, 'Only admins import records for another organisation');
  const at = deps.clock.now().toISOString();
  const result: ImportBatchResult = { imported: [], skipped: [], rejected: [] };
  const accepted: (ImportedObject & { row: number; number: string; holder: string | undefined })[] = [];
  const rowOfNumber = new Map<string, number>();

  for (const { row, record, holder } of batch.rows) {
    const judged = judgeRow(record);
    if ('fields' in judged) {
      result.rejected.push({ row, fields: judged.fields });
      continue;
    }
    const { data, numbers } = judged;
    // In a register of many collections a number is one holder's: keyed with the holder, "001" of two is two objects.
    const keys = holder ? numbers.map((number) => `${normaliseInventoryNumber(holder)}#${number}`) : numbers;
    const repeated = keys.findIndex((key) => rowOfNumber.has(key));
    if (repeated >= 0) {
      result.rejected.push({ row, fields: [{ path: 'markings', reason: `repeats inventory number ${numbers[repeated]}${holder ? ` of ${holder}` : ''} of row ${rowOfNumber.get(keys[repeated] ?? '')}` }] });
      continue;
    }
    for (const key of keys) rowOfNumber.set(key, row);
    const { object, entry } = newObject(data, org, caller, at, deps.ids.next());
    accepted.push({
      row,
      holder,
      number: numbers[0] ?? '',
      inventoryNumbers: keys,
      object: batch.quiet ? { ...object, quietImport: true } : object,
      entry,
      ...(batch.sendingKey ? { sendingKey: batch.sendingKey } : {}),
    });
  }

  const existing = accepted.length > 0 ? await deps.objects.createMany(accepted) : new Map<string, ExistingNumber>();
  for (const { row, object, number, holder } of accepted) {
    const found = existing.get(object.id);
    // Written by an earlier sending of this very batch (its answer was lost to a timeout): imported, by this import.
    const ours = found?.id && batch.sendingKey && found.sendingKey === batch.sendingKey;
    if (found && ours) result.imported.push({ row, id: found.id ?? object.id, inventoryNumber: number });
    else if (found) result.skipped.push({ row, inventoryNumber: number, ...(holder ? { holder } : {}), ...(found.id ? { id: found.id } : {}) });
    else result.imported.push({ row, id: object.id, inventoryNumber: number });
  }
  return result;
}
