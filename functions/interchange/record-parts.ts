// The parts of an object record that LIDO and Linked Art both export the same way: its URL, sizes and loss.
import type { ObjectView } from '../../schemas/object.ts';
import { dimensionTypes, units, type Concept } from './aat.ts';

export const recordUrl = (view: ObjectView, apiUrl: string) => `${apiUrl}/v1/objects/${view.id}`;

export type Dimension = { type: Concept; value: number; unit: Concept; unitCode: string };

/** Every measurement of the record with its unit: lengths in `unit`, the weight in `weightUnit`. */
export function dimensionsOf(view: ObjectView): Dimension[] {
  const m = view.measurements;
  if (!m) return [];
  const lengths = (['height', 'width', 'depth', 'diameter'] as const).flatMap((kind) =>
    m[kind] !== undefined && m.unit ? [{ type: dimensionTypes[kind], value: m[kind], unit: units[m.unit], unitCode: m.unit }] : [],
  );
  const weight = m.weight !== undefined && m.weightUnit ? [{ type: dimensionTypes.weight, value: m.weight, unit: units[m.weightUnit], unitCode: m.weightUnit }] : [];
  return [...lengths, ...weight];
}

/** Inventory numbers identify the object in its museum; the other markings are marks it carries. */
export function markingsOf(view: ObjectView) {
  const markings = view.markings ?? [];
  return {
    inventoryNumbers: markings.filter((marking) => marking.kind === 'inventory-number'),
    marks: markings.filter((marking) => marking.kind !== 'inventory-number'),
  };
}

/**
 * The incident as an event. The record keeps how the object was lost only in its status: while it is stolen or looted
 * the incident is a theft; missing, or no longer sought, it is exported as a loss.
 */
export function lossOf(view: ObjectView) {
  const incident = view.incident;
  if (!incident) return undefined;
  const theft = view.status === 'stolen' || view.status === 'looted';
  return { ...incident, theft };
}

/** The first and last day a partial date (YYYY, YYYY-MM or YYYY-MM-DD) can mean, as ISO instants. */
export function spanOf(date: string): { begin: string; end: string } {
  const [year = 0, month, day] = date.split('-').map(Number);
  const begin = new Date(Date.UTC(year, (month ?? 1) - 1, day ?? 1));
  const end = day !== undefined ? new Date(Date.UTC(year, (month ?? 1) - 1, day + 1)) : month !== undefined ? new Date(Date.UTC(year, month, 1)) : new Date(Date.UTC(year + 1, 0, 1));
  return { begin: begin.toISOString().replace('.000', ''), end: new Date(end.getTime() - 1000).toISOString().replace('.000', '') };
}
