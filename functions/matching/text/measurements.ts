// Sizes and weights in one unit each (cm, g), read from records or from free text in the ten languages, and compared with a tolerance.
import type { RegisterObject } from '../../../schemas/object-id.ts';
import { tokenise } from './normalise.ts';

export type Dimension = 'height' | 'width' | 'depth' | 'diameter';
const dimensions: Dimension[] = ['height', 'width', 'depth', 'diameter'];

/** One length or weight as stated ("17 in") and converted (43.18 cm). */
export interface Measure {
  dimension?: Dimension | 'weight';
  value: number;
  stated: string;
}

export interface Size {
  lengths: Measure[];
  weight?: Measure;
}

const cmPer = { cm: 1, mm: 0.1, in: 2.54 } as const;
const gramsPer = { g: 1, kg: 1000 } as const;

const round = (value: number) => Math.round(value * 10) / 10;
const number = (value: number) => String(round(value));

export function sizeOfRecord(measurements: RegisterObject['measurements']): Size {
  if (!measurements) return { lengths: [] };
  const { unit, weightUnit } = measurements;
  const lengths = dimensions.flatMap((dimension) => {
    const value = measurements[dimension];
    return value === undefined || !unit ? [] : [{ dimension, value: value * cmPer[unit], stated: `${number(value)} ${unit}` }];
  });
  const weight =
    measurements.weight !== undefined && weightUnit
      ? { dimension: 'weight' as const, value: measurements.weight * gramsPer[weightUnit], stated: `${number(measurements.weight)} ${weightUnit}` }
      : undefined;
  return weight ? { lengths, weight } : { lengths };
}

// Unit words as they look after folding: "см" and "سم" both fold to "sm", "εκ." to "ek", "дюйм" to "diuim".
const lengthUnits: [RegExp, number][] = [
  [/^(mm|millimet\w*|milimet\w*|mlm|毫米)$/, 0.1],
  [/^(cm|sm|ek|cent\w*|santim\w*|sant\w*|厘米|公分)$/, 1],
  [/^(in|inch|inches|"|''|pouces?|pulgadas?|zoll|pollic\w*|diuim\w*|inc|intses|英寸|寸)$/, 2.54],
  [/^(m|metres?|meters?|metros?|metri|metro)$/, 100],
];
const weightUnits: [RegExp, number][] = [
  [/^(kg|kilo\w*|kgh|公斤|千克)$/, 1000],
  [/^(g|gr|grams?|grammes?|gramos?|grammi|gramm\w*|ghram|克)$/, 1],
];
// Label words among the few words before a number, folded: "hauteur", "vysota" (высота), "artfa" (ارتفاع), "ypsos" (ύψος), "高".
const labels: [RegExp, Dimension | 'weight'][] = [
  [/^(h|height|high|tall|hauteur|haut|altura|alto|alta|hohe|altezza|vysot\w*|yukseklik|ypsos|artfa)$|高$/, 'height'],
  [/^(w|b|width|wide|largeur|anchura|ancho|breite|larghezza|shirin\w*|genislik|platos|rd)$|宽$/, 'width'],
  [/^(depth|profondeur|profundidad|tiefe|profondita|glubin\w*|derinlik|vathos|mq)$|[厚深]$/, 'depth'],
  [/^(diam\w*|durchmesser|cap|qtr)$|直径$/, 'diameter'],
  [/^(weigh\w*|poids|peso|gewicht|ves|agirlik|varos|wzn)$|重(量)?$/, 'weight'],
];
// Ten metres: anything larger is a year or a count read as a size ("found in 2019 in Athens").
const largestLength = 1000;

const numberPattern = String.raw`(\d+(?:[.,]\d+)?)`;
const times = String.raw`\s*(?:x|×|\*|by|sur|por|auf|per|na|epi|ala|乘)\s*`;
const measurePattern = new RegExp(
  String.raw`${numberPattern}(?:${times}${numberPattern})?(?:${times}${numberPattern})?\s*(mm|cm|in(?:ch(?:es)?)?|"|''|[a-z]+\.?|[\u4e00-\u9fff]{1,2})`,
  'gu',
);

const unitName: Record<number, string> = { 0.1: 'mm', 1: 'cm', 2.54: 'in', 100: 'm', 1000: 'kg' };

const unitOf = (word: string, table: [RegExp, number][]) => table.find(([pattern]) => pattern.test(word.replace(/\.$/, '')))?.[1];

/** Lengths and weights written in folded free text: "42 x 31 cm", "17 in", "vysota 42 sm", "ves 3,2 g", "高42厘米". */
export function sizeOfText(folded: string): Size {
  const size: Size = { lengths: [] };
  for (const match of folded.matchAll(measurePattern)) {
    const unitWord = match[4] ?? '';
    const perLength = unitOf(unitWord, lengthUnits);
    const perWeight = perLength === undefined ? unitOf(unitWord, weightUnits) : undefined;
    if (perLength === undefined && perWeight === undefined) continue;
    const values = [match[1], match[2], match[3]].filter((value) => value !== undefined).map((value) => Number(value.replace(',', '.')));
    const before = tokenise(folded.slice(Math.max(0, (match.index ?? 0) - 24), match.index)).slice(-3);
    const label = labels.find(([pattern]) => before.some((word) => pattern.test(word)))?.[1];
    if (perWeight !== undefined) {
      const value = values[0] ?? 0;
      size.weight = { dimension: 'weight', value: value * perWeight, stated: `${value} ${perWeight === 1 ? 'g' : unitName[perWeight]}` };
      continue;
    }
    for (const value of values) {
      // Only a lone number can be pinned to the label before it; "42 x 31" leaves height and width to the comparison.
      const dimension = values.length === 1 && label !== 'weight' ? label : undefined;
      const measure: Measure = { value: value * (perLength ?? 1), stated: `${value} ${unitName[perLength ?? 1]}` };
      if (measure.value > largestLength) continue;
      size.lengths.push(dimension ? { ...measure, dimension } : measure);
    }
  }
  return size;
}

export const mergeSizes = (a: Size, b: Size): Size => {
  const weight = a.weight ?? b.weight;
  return weight ? { lengths: [...a.lengths, ...b.lengths], weight } : { lengths: [...a.lengths, ...b.lengths] };
};

/** How far apart two sizes are, relative to the registered one: 0.1 is 10%. */
const relativeDifference = (reported: number, registered: number): number => Math.abs(reported - registered) / registered;

/** Within this a size agrees (rounding, a frame, an inch measured loosely). */
export const sizeTolerance = 0.08;
/** Beyond this it is a different object: a near twin is rarely more than a quarter larger or smaller by chance. */
export const sizeContradiction = 0.25;

interface SizeComparison {
  reported: Measure;
  registered: Measure;
  difference: number;
}

/** Pairs every reported measure with the registered one it describes: the same dimension when the report names it, else the closest. */
export function compareSizes(reported: Size, registered: Size): SizeComparison[] {
  const pairs: SizeComparison[] = [];
  for (const measure of reported.lengths) {
    const named = measure.dimension ? registered.lengths.find((other) => other.dimension === measure.dimension) : undefined;
    const pool = named ? [named] : registered.lengths;
    let best: SizeComparison | undefined;
    for (const other of pool) {
      const difference = relativeDifference(measure.value, other.value);
      if (!best || difference < best.difference) best = { reported: measure, registered: other, difference };
    }
    if (best) pairs.push(best);
  }
  if (reported.weight && registered.weight) {
    pairs.push({ reported: reported.weight, registered: registered.weight, difference: relativeDifference(reported.weight.value, registered.weight.value) });
  }
  return pairs;
}

/** "17 in (43.2 cm)" when the units differ, "42 cm" when they do not. */
export function describe(measure: Measure, unit: 'cm' | 'g'): string {
  return measure.stated.endsWith(` ${unit}`) ? measure.stated : `${measure.stated} (${number(measure.value)} ${unit})`;
}
