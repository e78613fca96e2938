// A museum's inventory numbers, written the way they compare: "ΚΑΣ  1187" and "κας 1187" are one number.
import type { RegisterObject } from '../../schemas/object-id.ts';

export const normaliseInventoryNumber = (number: string): string => number.normalize('NFKC').trim().replace(/\s+/g, ' ').toUpperCase();

export const inventoryNumbersOf = (record: Pick<RegisterObject, 'markings'>): string[] => [
  ...new Set((record.markings ?? []).filter((marking) => marking.kind === 'inventory-number').map((marking) => normaliseInventoryNumber(marking.text))),
];
