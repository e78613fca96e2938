// Sizes written as text in a cell ("support: 394 x 419 mm", "14,5 x 32,5 x 8 cm", "h. 24 cm") as Object ID measurements,
// read by the matcher's own reader of sizes in text, so that an import and a search read a size the same way.
import type { RegisterObject } from '../../schemas/object-id.ts';
import { sizeOfText, type Measure } from '../matching/text/measurements.ts';
import { fold } from '../matching/text/normalise.ts';

type Measurements = NonNullable<RegisterObject['measurements']>;

type Length = 'height' | 'width' | 'depth' | 'diameter';
const inOrder: Length[] = ['height', 'width', 'depth'];
const units = ['mm', 'cm', 'in'] as const;

// A measure says what was written ("394 mm") beside its value in centimetres.
const statedOf = (measure: Measure) => {
  const [value = '', unit = ''] = measure.stated.split(' ');
  return { value: Number(value), unit };
};

/** The measurements a text gives, with the unit it is written in (in centimetres when it mixes units); undefined if none. */
export function measurementsOfText(text: string): Measurements | undefined {
  const size = sizeOfText(fold(text));
  const lengths = size.lengths.slice(0, 4);
  const stated = lengths.map(statedOf);
  const sameUnit = stated.every(({ unit }) => unit === stated[0]?.unit) && units.some((unit) => unit === stated[0]?.unit);
  const unit = sameUnit ? (stated[0]?.unit as Measurements['unit']) : 'cm';
  const measurements: Record<string, unknown> = {};
  const free = inOrder.filter((dimension) => !lengths.some((measure) => measure.dimension === dimension));
  lengths.forEach((measure, index) => {
    const dimension = measure.dimension && measure.dimension !== 'weight' ? measure.dimension : free.shift();
    const value = sameUnit ? stated[index]?.value : Math.round(measure.value * 10) / 10;
    if (dimension && measurements[dimension] === undefined && value) measurements[dimension] = value;
  });
  if (Object.keys(measurements).length > 0) measurements.unit = unit;
  if (size.weight) {
    const { value, unit: weightUnit } = statedOf(size.weight);
    if (weightUnit === 'g' || weightUnit === 'kg') Object.assign(measurements, { weight: value, weightUnit });
  }
  return Object.keys(measurements).length > 0 ? (measurements as Measurements) : undefined;
}
