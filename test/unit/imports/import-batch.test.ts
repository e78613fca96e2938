// A batch of rows: each judged on its own, inventory numbers already in skipped, and nothing imported twice.
import { describe, expect, it } from 'vitest';
import { Forbidden } from '../../../functions/http/errors.ts';
import { importBatch } from '../../../functions/imports/import-batch.ts';
import { registerObject } from '../../../functions/objects/register.ts';
import { ImportBatch } from '../../../schemas/imports.ts';
import { caller, greekIcon } from '../../fixtures/objects.ts';
import { memoryRegistry } from '../../support/in-memory-ports.ts';

const museum = caller('museum', 'byzantine-museum', 'registrar-1');
const numbered = (number: string) => ({ ...greekIcon, markings: [{ kind: 'inventory-number' as const, text: number }] });
const batchOf = (records: unknown[], extra: Record<string, unknown> = {}) => ImportBatch.parse({ ...extra, rows: records.map((record, n) => ({ row: n + 2, record })) });

describe('importBatch', () => {
  it('imports the good rows and reports each bad one with its row, field and reason', async () => {
    // Arrange
    const deps = memoryRegistry();
    const { incident: _incident, ...noIncident } = numbered('ΚΑΣ 2');
    const batch = batchOf([numbered('ΚΑΣ 1'), noIncident, { ...numbered('ΚΑΣ 3'), measurements: { height: -4, unit: 'cm' } }, numbered('ΚΑΣ 4')]);

    // Act
    const result = await importBatch(batch, museum, deps);

    // Assert
    expect(result.imported.map(({ row, inventoryNumber }) => [row, inventoryNumber])).toEqual([
      [2, 'ΚΑΣ 1'],
      [5, 'ΚΑΣ 4'],
    ]);
    expect(result.rejected).toEqual([
      { row: 3, fields: [{ path: 'incident', reason: 'is required for a stolen, missing or looted object: when, where (country) and how it was lost' }] },
      { row: 4, fields: [{ path: 'measurements.height', reason: 'must be greater than 0' }] },
    ]);
    expect(deps.objects.stored(result.imported[0]?.id ?? '')).toMatchObject({ orgId: 'byzantine-museum', status: 'stolen', version: 1 });
  });

  it('skips on a second run every number already in, naming the object that has it, and imports nothing twice', async () => {
    // Arrange
    const deps = memoryRegistry();
    const batch = batchOf([numbered('ΚΑΣ 1'), numbered('ΚΑΣ 2')]);
    const first = await importBatch(batch, museum, deps);

    // Act
    const second = await importBatch(batchOf([numbered('κας  1'), numbered('ΚΑΣ 2'), numbered('ΚΑΣ 3')]), museum, deps);

    // Assert
    expect(second.skipped).toEqual([
      { row: 2, inventoryNumber: 'ΚΑΣ 1', id: first.imported[0]?.id },
      { row: 3, inventoryNumber: 'ΚΑΣ 2', id: first.imported[1]?.id },
    ]);
    expect(second.imported.map((imported) => imported.inventoryNumber)).toEqual(['ΚΑΣ 3']);
  });

  it('skips a number the museum registered by hand', async () => {
    // Arrange
    const deps = memoryRegistry();
    const registered = await registerObject(numbered('ΚΑΣ 7'), museum, deps);

    // Act
    const result = await importBatch(batchOf([numbered('ΚΑΣ 7')]), museum, deps);

    // Assert
    expect(result.skipped).toEqual([{ row: 2, inventoryNumber: 'ΚΑΣ 7', id: registered.id }]);
  });

  it('refuses a row without an inventory number, and a number repeated within the file', async () => {
    // Arrange
    const deps = memoryRegistry();
    const { markings: _markings, ...unnumbered } = numbered('x');

    // Act
    const result = await importBatch(batchOf([unnumbered, numbered('ΚΑΣ 9'), numbered('ΚΑΣ 9')]), museum, deps);

    // Assert
    expect(result.rejected.map(({ row, fields }) => [row, fields[0]?.reason])).toEqual([
      [2, 'needs an inventory number (a column such as "Inventory No.", or workID in LIDO): it is what makes a re-run skip the rows already in'],
      [4, 'repeats inventory number ΚΑΣ 9 of row 3'],
    ]);
    expect(result.imported).toHaveLength(1);
  });

  it('takes inventoried records, and marks a quiet import so that it raises no alert', async () => {
    // Arrange
    const deps = memoryRegistry();
    const { incident: _incident, ...record } = numbered('ΚΑΣ 11');

    // Act
    const result = await importBatch(batchOf([{ ...record, status: 'inventoried' }], { quiet: true }), museum, deps);

    // Assert
    expect(deps.objects.stored(result.imported[0]?.id ?? '')).toMatchObject({ status: 'inventoried', quietImport: true });
  });

  it('lets an admin import for an organisation, and forbids a museum to import for another', async () => {
    // Arrange
    const deps = memoryRegistry();
    const batch = batchOf([numbered('ΚΑΣ 12')], { org: 'hellenic-police-archive' });

    // Act
    const byAdmin = await importBatch(batch, caller('admin', 'registry-operators'), deps);
    const byMuseum = importBatch(batch, museum, deps);

    // Assert
    expect(deps.objects.stored(byAdmin.imported[0]?.id ?? '')?.orgId).toBe('hellenic-police-archive');
    await expect(byMuseum).rejects.toBeInstanceOf(Forbidden);
  });
});

describe('a register of many holders', () => {
  it('keeps inventory numbers per holder: "001" of two collections are two objects, and a re-run skips both', async () => {
    // Arrange
    const deps = memoryRegistry();
    const admin = caller('admin', 'registry-operators', 'operator-1');
    const batch = ImportBatch.parse({
      org: 'national-register',
      rows: [
        { row: 2, record: numbered('001'), holder: 'Museo Civico' },
        { row: 3, record: numbered('001'), holder: 'Pinacoteca Comunale' },
      ],
    });

    // Act
    const first = await importBatch(batch, admin, deps);
    const again = await importBatch(batch, admin, deps);

    // Assert
    expect(first.imported.map(({ row }) => row)).toEqual([2, 3]);
    expect(again.imported).toEqual([]);
    expect(again.skipped.map(({ row, holder }) => [row, holder])).toEqual([
      [2, 'Museo Civico'],
      [3, 'Pinacoteca Comunale'],
    ]);
  });
});

describe('a batch sent again', () => {
  it('reports as imported the rows an earlier sending of the same batch wrote (its answer lost to a timeout), and as skipped those of another', async () => {
    // Arrange
    const deps = memoryRegistry();
    const rows = [numbered('ΚΑΣ 21'), numbered('ΚΑΣ 22')].map((record, n) => ({ row: n + 2, record }));
    await importBatch(ImportBatch.parse({ rows, sendingKey: 'sending-one' }), museum, deps);

    // Act
    const resent = await importBatch(ImportBatch.parse({ rows, sendingKey: 'sending-one' }), museum, deps);
    const otherRun = await importBatch(ImportBatch.parse({ rows, sendingKey: 'sending-two' }), museum, deps);

    // Assert
    expect([resent.imported.length, resent.skipped.length]).toEqual([2, 0]);
    expect([otherRun.imported.length, otherRun.skipped.length]).toEqual([0, 2]);
    expect(resent.imported.map(({ id }) => id)).toEqual(otherRun.skipped.map(({ id }) => id));
  });
});
