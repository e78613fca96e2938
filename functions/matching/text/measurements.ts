// Sizes and weights in one unit each (cm, g), read from records or from text written the way people write them in the ten
// languages ("1 5/8 in.", "14,5 x 32,5 x 8 cm", "about 30-32 cm", "Höhe 24 cm", "Ø 3 cm", "30 cm (11 3/4 in.)"), and compared
// with a tolerance.
import type { RegisterObject } from '../../../schemas/object-id.ts';
import { fold } from './normalise.ts';

export type Dimension = 'height' | 'width' | 'depth' | 'diameter';
const dimensions: Dimension[] = ['height', 'width', 'depth', 'diameter'];

/** One length or weight as stated ("17 in") and converted (43.18 cm). */
export interface Measure {
  dimension?: Dimension | 'weight';
  value: number;
  stated: string;
  /** How far either side of `value` the statement allows (a range, "about"), in the same unit as `value`. */
  tolerance?: number;
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

// ---- Reading text -------------------------------------------------------------------------------------------------
// Words are matched after folding (normalise.ts): "см" and "سم" arrive as "sm", "εκ." as "ek", "высота" as "vysota".

type UnitName = 'mm' | 'cm' | 'm' | 'in' | 'ft' | 'g' | 'kg' | 'lb' | 'oz';
const unitFactor: Record<UnitName, number> = { mm: 0.1, cm: 1, m: 100, in: 2.54, ft: 30.48, g: 1, kg: 1000, lb: 453.592, oz: 28.3495 };
const isWeightUnit = (unit: UnitName) => unit === 'g' || unit === 'kg' || unit === 'lb' || unit === 'oz';

const unitWords: [RegExp, UnitName][] = [
  [/^(mm|millimet\w*|milimet\w*|mlm|chil|chiliost\w*)$/, 'mm'],
  [/^(cm|sm|ek|ekat\w*|cent\w*|santim\w*|sant|snt)$/, 'cm'],
  [/^(m|metres?|meters?|metros?|metri|metro|metr\w*)$/, 'm'],
  [/^(in|inch|inches|ins|po|pouces?|pulg|pulgadas?|zoll|pollic\w*|dyuim\w*|diuim\w*|inc|intses|ints\w*|bwsa)$/, 'in'],
  [/^(ft|foot|feet|pieds?|pies?|fuss|piedi|fut\w*)$/, 'ft'],
  [/^(kg|kilo\w*|kgh|kgm)$/, 'kg'],
  [/^(g|gr|grs|grams?|grammes?|gramos?|grammi|gramm\w*|ghram|grm)$/, 'g'],
  [/^(lbs?|pounds?)$/, 'lb'],
  [/^(oz|ounces?)$/, 'oz'],
];
const hanUnits: [string, UnitName][] = [
  ['毫米', 'mm'], ['厘米', 'cm'], ['公分', 'cm'], ['英寸', 'in'], ['英尺', 'ft'], ['公斤', 'kg'], ['千克', 'kg'], ['米', 'm'], ['寸', 'in'], ['克', 'g'],
];

type Label = Dimension | 'weight' | 'length';
// Label words among the few words before a number (or just after its unit: "8 in. high", "30 cm de haut").
const labelWords: [RegExp, Label][] = [
  [/^(h|ht|hgt|height|high|tall|haut|hauteur|alt|altura|alto|alta|altezza|hohe|hoch|vys|vysot\w*|yuks\w*|ypso\w*|artfa\w*|rtfa\w*)$/, 'height'],
  [/^(w|wd|width|wide|b|br|breite|breit|larg|largeur|large|ancho|anchura|larghezza|largo|shir|shirin\w*|genislik\w*|gen|plato\w*|ard|rd|rdh)$/, 'width'],
  [/^(d|dp|depth|deep|prof|profondeur|profundidad|profondita|fondo|tiefe|tief|t|glub|glubin\w*|derinlik\w*|vatho\w*|mq|mqh)$/, 'depth'],
  [/^(l|length|long|longueur|longitud|lange|lang|lunghezza|dlin\w*|uzunluk\w*|miko\w*|twl|twlh)$/, 'length'],
  [/^(diam|dia|dm|diameter|diametre|diametro|durchmesser|diametr\w*|cap|capi|diametros|qtr)$/, 'diameter'],
  [/^(weight|weighs|weighing|wt|poids|peso|gewicht|ves|vesom|agirlik\w*|varos|wzn)$/, 'weight'],
];
const hanLabels: [string, Label][] = [['直径', 'diameter'], ['高度', 'height'], ['高', 'height'], ['宽', 'width'], ['寬', 'width'], ['深', 'depth'], ['厚', 'depth'], ['长', 'length'], ['長', 'length'], ['径', 'diameter'], ['重', 'weight']];

const approximateWords =
  /^(ca|c|circa|approx|approximately|approximatively|about|around|roughly|some|env|environ|etwa|ungefahr|rund|ca|aprox|aproximadamente|unos|unas|cerca|circa|okolo|priblizitelno|primerno|yaklasik|takriben|civari|civarinda|peripou|peripoy|hwaly|hwly|tqryba|nhw)$/;
const hanApproximate = /^(大约|大概|约|約|左右)$/;
// "between", "from": read past before a range.
const rangeOpeners = /^(between|from|entre|de|des|zwischen|von|tra|fra|da|dal|mezhdu|ot|apo|metaxy|mn|byn)$/;
const rangeWords = /^(to|a|au|bis|al|do|eos|ila|ile|and|et|y|und|e|i|ve|kai|w)$/;
const timesWords = /^(x|by|sur|por|per|auf|na|epi|ala)$/;
const timesSymbols = new Set(['x', '×', '*', '乘']);
const rangeSymbols = new Set(['-', '–', '—', '~', '至', '到']);

interface Token {
  kind: 'number' | 'word' | 'han' | 'symbol';
  text: string;
  at: number;
}

// Characters that folding would garble ("10½" to "101⁄2") or lose ("Ø" to "o") are rewritten first.
const vulgarFractions: Record<string, string> = {
  '½': '1/2', '⅓': '1/3', '⅔': '2/3', '¼': '1/4', '¾': '3/4', '⅕': '1/5', '⅖': '2/5', '⅗': '3/5', '⅘': '4/5', '⅙': '1/6', '⅚': '5/6',
  '⅛': '1/8', '⅜': '3/8', '⅝': '5/8', '⅞': '7/8',
};

// A double quote after a number is an inch sign (72" x 60") unless it closes a quotation ('label "Nr. 36"', „22“, “HH.C.204”).
function inchSigns(text: string): string {
  let open = false;
  return text.replace(/["“”„«»\n]/g, (quote, at: number) => {
    if (quote === '\n') return ((open = false), quote);
    const before = text[at - 1] ?? ' ';
    const after = text[at + 1] ?? ' ';
    if (open && quote !== '„' && quote !== '«') return ((open = false), ' ');
    if (/[\d.]/.test(before) && (quote === '"' || quote === '”')) return '"';
    if (quote === '“' || quote === '„' || quote === '«' || (quote === '"' && /[\s(\[:,=]/.test(before) && /\S/.test(after))) open = true;
    return ' ';
  });
}

// Russian abbreviates both the year (год) and the gram (грамм) as "г.": after a year-like number ("ок. 1890 г.") it is the year,
// unless a weight is named ("вес 1200 г.").
const russianYear = /(?<!(?:вес|масс)\p{L}*[\s:.-]*)(?<!\d)(1[0-9]{3}|20[0-9]{2})\s*гг?\.?(?!\p{L})/gu;

function prepare(text: string): string {
  const rewritten = inchSigns(
    text
      .replace(russianYear, '$1 год')
      .replace(/[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞]/g, (fraction) => ` ${vulgarFractions[fraction] ?? ''}`)
      .replace(/[Øø⌀∅]/g, ' diam ')
      .replace(/″|′′|''/g, '"')
      .replace(/[′’‘]/g, "'")
      .replace(/⁄/g, '/'),
  );
  return fold(rewritten).replace(/⁄/g, '/');
}

const tokenPattern = /\d+(?:[.,]\d+)?|\p{Script=Han}|[a-z]+|["'\-–—~/x×*()[\];:,.]/gu;

function tokensOf(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of prepare(text).matchAll(tokenPattern)) {
    const value = match[0];
    const kind = /^\d/.test(value) ? 'number' : /^\p{Script=Han}/u.test(value) ? 'han' : /^[a-z]/.test(value) ? 'word' : 'symbol';
    tokens.push({ kind, text: value, at: match.index ?? 0 });
  }
  return tokens;
}

interface Amount {
  low: number;
  high: number;
  written: string;
}

interface Reading {
  amount: Amount;
  unit?: UnitName;
  label?: Label;
}

interface Group {
  readings: Reading[];
  approximate: boolean;
  start: number;
  end: number;
  /** Where a label before the figures is looked for, when a unit stands before them. */
  labelFrom?: number;
}

const decimal = (written: string) => Number(written.replace(',', '.'));

class Reader {
  private readonly tokens: Token[];

  constructor(tokens: Token[]) {
    this.tokens = tokens;
  }

  at(index: number): Token | undefined {
    return this.tokens[index];
  }

  is(index: number, kind: Token['kind'], test?: (text: string) => boolean): boolean {
    const token = this.tokens[index];
    return token !== undefined && token.kind === kind && (test === undefined || test(token.text));
  }

  /** A number as written: "14,5", "3/4", "1 5/8", "10-1/2". */
  value(index: number): { value: number; written: string; next: number } | undefined {
    if (!this.is(index, 'number')) return undefined;
    const whole = this.tokens[index]?.text ?? '';
    const fraction = this.fraction(index);
    if (fraction) return fraction;
    // A mixed number: a whole number, then (a space or a hyphen) a fraction.
    const after = this.is(index + 1, 'symbol', (text) => text === '-') ? index + 2 : index + 1;
    const mixed = /^\d+$/.test(whole) ? this.fraction(after) : undefined;
    if (mixed && mixed.value < 1) return { value: Number(whole) + mixed.value, written: `${whole} ${mixed.written}`, next: mixed.next };
    return { value: decimal(whole), written: whole.replace(',', '.'), next: index + 1 };
  }

  private fraction(index: number): { value: number; written: string; next: number } | undefined {
    const numerator = this.tokens[index]?.text ?? '';
    const denominator = this.tokens[index + 2]?.text ?? '';
    if (!this.is(index, 'number') || !this.is(index + 1, 'symbol', (text) => text === '/') || !this.is(index + 2, 'number')) return undefined;
    if (!/^\d+$/.test(numerator) || !/^\d+$/.test(denominator)) return undefined;
    const [top, bottom] = [Number(numerator), Number(denominator)];
    if (bottom === 0 || bottom > 64 || top >= bottom) return undefined;
    return { value: top / bottom, written: `${numerator}/${denominator}`, next: index + 3 };
  }

  /** A value or a range of two ("30-32", "30 à 32", "28 to 30", "de 20 a 22"). */
  amount(index: number): { amount: Amount; next: number } | undefined {
    const first = this.value(index);
    if (!first) return undefined;
    const connector = this.tokens[first.next];
    const isRange =
      connector !== undefined &&
      ((connector.kind === 'symbol' && rangeSymbols.has(connector.text)) || (connector.kind === 'han' && rangeSymbols.has(connector.text)) || (connector.kind === 'word' && rangeWords.test(connector.text)));
    const second = isRange ? this.value(first.next + 1) : undefined;
    if (second && second.value > first.value && second.value <= first.value * 2) {
      return { amount: { low: first.value, high: second.value, written: `${first.written}-${second.written}` }, next: second.next };
    }
    return { amount: { low: first.value, high: first.value, written: first.written }, next: first.next };
  }

  /** A unit word or sign at index: "cm", "in.", '"', "厘米". */
  unit(index: number): { unit: UnitName; next: number } | undefined {
    const token = this.tokens[index];
    if (!token) return undefined;
    if (token.kind === 'symbol' && token.text === '"') return { unit: 'in', next: index + 1 };
    if (token.kind === 'han') {
      const run = this.tokens.slice(index, index + 2).filter((next) => next.kind === 'han').map((next) => next.text).join('');
      const found = hanUnits.find(([word]) => run.startsWith(word));
      return found ? { unit: found[1], next: index + found[0].length } : undefined;
    }
    if (token.kind !== 'word') return undefined;
    const unit = unitWords.find(([pattern]) => pattern.test(token.text))?.[1];
    if (!unit) return undefined;
    const next = this.is(index + 1, 'symbol', (text) => text === '.') ? index + 2 : index + 1;
    // "in" is also a preposition: "found in 2019 in Athens". As a unit it ends the phrase or leads to a label or a bracket.
    if (unit === 'in' && token.text === 'in' && this.is(next, 'number')) return undefined;
    if (unit === 'in' && token.text === 'in' && this.is(next, 'word') && !this.labelAt(next) && !this.is(next, 'word', (text) => timesWords.test(text) || approximateWords.test(text))) {
      return undefined;
    }
    return { unit, next };
  }

  /** After feet, "in" is the inch whatever follows it: "2 ft 4 in. Tang has...". */
  private inchesAfterFeet(index: number): { unit: UnitName; next: number } | undefined {
    if (!this.is(index, 'word', (text) => text === 'in')) return undefined;
    return { unit: 'in', next: this.is(index + 1, 'symbol', (text) => text === '.') ? index + 2 : index + 1 };
  }

  /**
   * A unit written before the figures, as Italian and Spanish catalogues and customs notes do ("cm 38 x 50", "mm. 120"):
   * millimetres and centimetres only, since "in" and "m" before a number are mostly a preposition or a letter.
   */
  leadingUnit(start: number): { unit: UnitName; at: number } | undefined {
    const at = this.is(start - 1, 'symbol', (text) => text === '.' || text === ':') ? start - 2 : start - 1;
    const token = this.tokens[at];
    if (token?.kind !== 'word') return undefined;
    const unit = unitWords.find(([pattern]) => pattern.test(token.text))?.[1];
    return unit === 'mm' || unit === 'cm' ? { unit, at } : undefined;
  }

  labelAt(index: number): Label | undefined {
    const token = this.tokens[index];
    if (!token) return undefined;
    if (token.kind === 'han') {
      const run = this.tokens.slice(index, index + 2).filter((next) => next.kind === 'han').map((next) => next.text).join('');
      return hanLabels.find(([word]) => run.startsWith(word))?.[1];
    }
    return token.kind === 'word' ? labelWords.find(([pattern]) => pattern.test(token.text))?.[1] : undefined;
  }

  /** How many tokens an approximate word at index takes: "ca.", "около", "约" one, "左右" two; 0 when there is none. */
  approximateAt(index: number): number {
    const token = this.tokens[index];
    if (!token) return 0;
    if (token.kind === 'han') {
      if (hanApproximate.test(token.text)) return 1;
      return hanApproximate.test(`${token.text}${this.tokens[index + 1]?.text ?? ''}`) ? 2 : 0;
    }
    if (token.kind === 'symbol') return token.text === '~' ? 1 : 0;
    if (token.kind !== 'word' || !approximateWords.test(token.text)) return 0;
    return this.is(index + 1, 'symbol', (text) => text === '.') ? 2 : 1;
  }

  isApproximate(index: number): boolean {
    return this.approximateAt(index) > 0;
  }

  isTimes(index: number): boolean {
    const token = this.tokens[index];
    if (!token) return false;
    if (token.kind === 'word') return timesWords.test(token.text);
    return timesSymbols.has(token.text);
  }

  /** One measurement as written: up to four amounts joined by "x", each perhaps with its own label and unit. */
  group(start: number): Group | undefined {
    const readings: Reading[] = [];
    const ends: number[] = [];
    let index = start;
    let approximate = false;
    for (;;) {
      let label: Label | undefined;
      let cursor = index;
      if (readings.length > 0) {
        if (!this.isTimes(cursor)) break;
        cursor += 1;
        if (this.isApproximate(cursor)) (approximate = true), (cursor += this.approximateAt(cursor));
        label = this.labelAt(cursor);
        if (label) cursor += this.is(cursor + 1, 'symbol', (text) => text === '.' || text === ':') ? 2 : 1;
      }
      const read = this.amount(cursor);
      if (!read) break;
      cursor = read.next;
      let unit = this.unit(cursor);
      // Feet and inches together: 2 ft 6 in, 5' 6".
      const feet = unit?.unit === 'ft' || (this.is(cursor, 'symbol', (text) => text === "'") && this.is(cursor + 1, 'number'));
      if (feet) {
        const inches = this.amount(unit ? unit.next : cursor + 1);
        const inchUnit = inches ? (this.unit(inches.next) ?? this.inchesAfterFeet(inches.next)) : undefined;
        if (inches && inchUnit?.unit === 'in') {
          const total = (value: number, extra: number) => value * 12 + extra;
          read.amount = {
            low: total(read.amount.low, inches.amount.low),
            high: total(read.amount.high, inches.amount.high),
            written: `${read.amount.written} ft ${inches.amount.written}`,
          };
          unit = inchUnit;
        } else if (!unit) {
          break;
        }
      }
      readings.push({ amount: read.amount, ...(unit ? { unit: unit.unit } : {}), ...(label ? { label } : {}) });
      index = unit ? unit.next : cursor;
      ends.push(index);
      if (readings.length === 4) break;
    }
    // Amounts before the last unit take it ("30 x 40 cm"); amounts after it have none and are not part of the measurement.
    const lastUnit = readings.findLastIndex((reading) => reading.unit !== undefined);
    if (lastUnit < 0) {
      const leading = readings.length > 0 ? this.leadingUnit(start) : undefined;
      if (!leading) return undefined;
      for (const reading of readings) reading.unit = leading.unit;
      return { readings, approximate, start, end: ends.at(-1) ?? index, labelFrom: leading.at };
    }
    const kept = readings.slice(0, lastUnit + 1);
    let unit: UnitName | undefined;
    for (const reading of kept.toReversed()) {
      if (reading.unit) unit = reading.unit;
      else if (unit) reading.unit = unit;
    }
    return { readings: kept, approximate, start, end: ends[lastUnit] ?? index };
  }
}

const lengthTolerance = 0.05;

function labelBefore(reader: Reader, start: number): { label?: Label; approximate: boolean } {
  let approximate = false;
  let label: Label | undefined;
  // A few tokens back: labels, approximate words, colons and dots ("H.: ca. 24 cm", "высота около 25 см", "高约30厘米").
  for (let index = start - 1, seen = 0; index >= 0 && seen < 4; index -= 1) {
    const token = reader.at(index);
    if (!token) break;
    if (token.kind === 'symbol') {
      if (token.text === ':' || token.text === '.' || token.text === '~') {
        if (token.text === '~') approximate = true;
        continue;
      }
      break;
    }
    if (reader.isApproximate(index)) {
      approximate = true;
      seen += 1;
      continue;
    }
    if (token.kind === 'word' && rangeOpeners.test(token.text)) {
      seen += 1;
      continue;
    }
    const found = token.kind === 'han' ? labelOfHanEnding(reader, index) : reader.labelAt(index);
    if (found) {
      label = found;
      break;
    }
    // Only the word right before (or past approximate words) can name the measurement: "support: 394 x 419 mm" has none.
    break;
  }
  return label ? { label, approximate } : { approximate };
}

// Chinese writes the label against the number: "高42厘米", "直径12厘米"; the label may be one or two characters back.
function labelOfHanEnding(reader: Reader, index: number): Label | undefined {
  const two = `${reader.at(index - 1)?.kind === 'han' ? (reader.at(index - 1)?.text ?? '') : ''}${reader.at(index)?.text ?? ''}`;
  return hanLabels.find(([word]) => two.endsWith(word))?.[1];
}

function labelAfter(reader: Reader, end: number): { label?: Label; approximate: boolean; next: number } {
  let index = end;
  let approximate = false;
  if (reader.isApproximate(index)) (approximate = true), (index += reader.approximateAt(index));
  const linking = reader.is(index, 'word', (text) => /^(de|di|of|in|en|v|vo|im)$/.test(text));
  const label = reader.labelAt(linking ? index + 1 : index);
  // A lone letter after a size is not a label ("30 cm h" is rare, "30 cm d'une statue" common).
  if (label && (reader.at(linking ? index + 1 : index)?.text.length ?? 0) > 2) return { label, approximate, next: (linking ? index + 2 : index + 1) };
  return { approximate, next: index };
}

/** Every measurement in the text, each with its readings converted to its unit, in order of appearance. */
function groupsIn(text: string): { readings: Reading[]; approximate: boolean }[] {
  const reader = new Reader(tokensOf(text));
  const found: { readings: Reading[]; approximate: boolean; end: number }[] = [];
  for (let index = 0; reader.at(index); ) {
    if (!reader.is(index, 'number')) {
      index += 1;
      continue;
    }
    const group = reader.group(index);
    if (!group) {
      index = (reader.amount(index)?.next ?? index) + 1;
      continue;
    }
    const before = labelBefore(reader, group.labelFrom ?? index);
    const after = labelAfter(reader, group.end);
    const approximate = group.approximate || before.approximate || after.approximate;
    const [first] = group.readings;
    if (first && !first.label && (before.label ?? (group.readings.length === 1 ? after.label : undefined))) {
      first.label = before.label ?? after.label;
    }
    const previous = found.at(-1);
    if (previous && sameMeasurementInOtherUnit(reader, previous, group)) {
      index = after.next;
      continue;
    }
    found.push({ readings: group.readings, approximate, end: after.next });
    index = Math.max(after.next, index + 1);
  }
  return found;
}

// "30 cm (11 3/4 in.)", "9 ¾ in. (24.8 cm)", "60 x 45 cm / 23 5/8 x 17 3/4 in": the second is the first in another unit.
function sameMeasurementInOtherUnit(reader: Reader, previous: { readings: Reading[]; end: number }, group: Group): boolean {
  const between = Array.from({ length: group.start - previous.end }, (_, at) => reader.at(previous.end + at));
  if (between.length > 3 || !between.every((token) => token?.kind === 'symbol' && /^[()[\];,/=-]$/.test(token.text))) return false;
  if (previous.readings.length !== group.readings.length) return false;
  return previous.readings.every((reading, at) => {
    const other = group.readings[at];
    if (!other?.unit || !reading.unit || other.unit === reading.unit) return false;
    const [a, b] = [middle(reading.amount) * unitFactor[reading.unit], middle(other.amount) * unitFactor[other.unit]];
    return Math.abs(a - b) <= 0.03 * Math.max(a, b) + 0.2;
  });
}

const middle = (amount: Amount) => (amount.low + amount.high) / 2;

// Ten metres: anything larger is a year or a count read as a size ("found in 2019 in Athens").
const largestLength = 1000;

/** Lengths (in cm) and the weight (in g) written in text, raw or folded: "42 x 31 cm", "1 5/8 in.", "vysota 42 sm", "高42厘米". */
export function sizeOfText(text: string): Size {
  const size: Size = { lengths: [] };
  for (const { readings, approximate } of groupsIn(text)) {
    for (const reading of readings) {
      const unit = reading.unit;
      if (!unit) continue;
      const factor = unitFactor[unit];
      const value = middle(reading.amount) * factor;
      const spread = ((reading.amount.high - reading.amount.low) / 2) * factor;
      const tolerance = spread + (approximate ? value * lengthTolerance : 0);
      const stated = `${approximate ? 'c. ' : ''}${reading.amount.written} ${unit}`;
      const measure: Measure = { value, stated, ...(tolerance > 0 ? { tolerance } : {}) };
      if (isWeightUnit(unit)) {
        size.weight = { ...measure, dimension: 'weight' };
        continue;
      }
      if (value <= 0 || value > largestLength || reading.label === 'weight') continue;
      // Only a labelled reading is pinned; "42 x 31" and a length leave the dimension to the comparison.
      const dimension = reading.label === 'length' ? undefined : reading.label;
      size.lengths.push(dimension ? { ...measure, dimension } : measure);
    }
  }
  return size;
}

type Measurements = NonNullable<RegisterObject['measurements']>;
const recordUnit = (unit: UnitName): { unit: Measurements['unit'] & string; factor: number } =>
  unit === 'mm' || unit === 'cm' || unit === 'in' ? { unit, factor: 1 } : unit === 'ft' ? { unit: 'in', factor: 12 } : { unit: 'cm', factor: 100 };
const exact = (value: number) => Math.round(value * 10_000) / 10_000;

/**
 * A record's measurements read from a cell or a display text ("Dimensions: 56 x 32 x 22,5 cm", "Höhe 24 cm, Breite 18 cm",
 * `72" x 60"`), in the unit written (metres become cm, feet inches). Unlabelled sizes are read height x width x depth, as
 * catalogues write them; only the first size of each dimension counts ("image 20 x 25 cm; sheet 30 x 40 cm" is the image).
 */
export function measurementsOfText(text: string): Measurements | undefined {
  const lengths: { dimension: Dimension; value: number; unit: UnitName }[] = [];
  let weight: { value: number; unit: UnitName } | undefined;
  const has = (dimension: Dimension) => lengths.some((length) => length.dimension === dimension);
  for (const { readings } of groupsIn(text)) {
    const order: Dimension[] = readings.length === 1 ? ['height'] : ['height', 'width', 'depth'];
    const unlabelled = readings.every((reading) => !reading.label || reading.label === 'length');
    if (unlabelled && readings.some((reading) => reading.unit && !isWeightUnit(reading.unit)) && order.some(has)) continue;
    readings.forEach((reading, at) => {
      if (!reading.unit) return;
      if (isWeightUnit(reading.unit)) {
        weight ??= { value: middle(reading.amount), unit: reading.unit };
        return;
      }
      const dimension = reading.label && reading.label !== 'length' && reading.label !== 'weight' ? reading.label : order[at];
      if (dimension && !has(dimension)) lengths.push({ dimension, value: middle(reading.amount), unit: reading.unit });
    });
  }
  if (lengths.length === 0 && !weight) return undefined;
  const measurements: Measurements = {};
  const units = [...new Set(lengths.map((length) => recordUnit(length.unit).unit))];
  for (const length of lengths) {
    const target = units.length === 1 ? recordUnit(length.unit) : { unit: 'cm' as const, factor: unitFactor[length.unit] };
    measurements[length.dimension] = exact(length.value * target.factor);
    measurements.unit = target.unit;
  }
  if (weight) {
    const grams = weight.value * unitFactor[weight.unit];
    Object.assign(measurements, weight.unit === 'g' ? { weight: exact(grams), weightUnit: 'g' } : { weight: exact(grams / 1000), weightUnit: 'kg' });
  }
  return measurements;
}

/**
 * Both sizes, but a length the text repeats from the fields ("40 x 33 cm" beside height 40, width 33) counts once, under the
 * dimension the text names when it names one (a form's default "height" beside "Çap 30,5 cm" is a diameter).
 */
export const mergeSizes = (a: Size, b: Size): Size => {
  const lengths = [...a.lengths];
  for (const measure of b.lengths) {
    const repeated = lengths.findIndex((known) => Math.abs(known.value - measure.value) <= 0.02 * known.value);
    const known = lengths[repeated];
    if (!known) lengths.push(measure);
    else if (measure.dimension && measure.dimension !== known.dimension && repeated < a.lengths.length) lengths[repeated] = { ...known, dimension: measure.dimension };
  }
  const weight = a.weight ?? b.weight;
  return weight ? { lengths, weight } : { lengths };
};

/** How far apart two sizes are, relative to the registered one: 0.1 is 10%; nothing within what the report allows. */
const relativeDifference = (reported: Measure, registered: Measure): number =>
  Math.max(0, Math.abs(reported.value - registered.value) - (reported.tolerance ?? 0)) / registered.value;

/** Within this a size agrees (rounding, a frame, an inch measured loosely). */
export const sizeTolerance = 0.08;
/**
 * Beyond this a size read exactly on both sides (no "c.", no range) is off by more than measuring and rounding do: a sign of
 * another object of the same kind, not proof (near twins are 3-20% apart; true reports within 2-3%).
 */
export const sizeMeasuredApart = 0.03;
const unitSize: Record<string, number> = { ...cmPer, m: 100, ...gramsPer };
/** Half the last stated digit, in cm or g: "5 cm" stands for 4.5 to 5.5 cm, "19 mm" for 18.5 to 19.5 mm. */
export function roundingOf(measure: Measure): number {
  const stated = /^(\d+)(?:[.,](\d+))?\s*(mm|cm|m|g|kg)$/u.exec(measure.stated);
  if (!stated) return 0;
  return (0.5 / 10 ** (stated[2]?.length ?? 0)) * (unitSize[stated[3] ?? ''] ?? 0);
}
/** Beyond this it is a different object: a near twin is rarely more than a quarter larger or smaller by chance. */
export const sizeContradiction = 0.25;

interface SizeComparison {
  reported: Measure;
  registered: Measure;
  difference: number;
}

/**
 * Pairs reported measures with registered ones, each registered one at most once, closest pairs first: a named dimension
 * only with that dimension. A record giving one length is met by one reported length, never counted twice.
 */
export function compareSizes(reported: Size, registered: Size): SizeComparison[] {
  const candidates: (SizeComparison & { order: number })[] = [];
  reported.lengths.forEach((measure, order) => {
    const named = measure.dimension ? registered.lengths.find((other) => other.dimension === measure.dimension) : undefined;
    for (const other of named ? [named] : registered.lengths) candidates.push({ reported: measure, registered: other, difference: relativeDifference(measure, other), order });
  });
  candidates.sort((a, b) => a.difference - b.difference || a.order - b.order);
  const pairs: (SizeComparison & { order: number })[] = [];
  for (const candidate of candidates) {
    if (pairs.some((pair) => pair.reported === candidate.reported || pair.registered === candidate.registered)) continue;
    pairs.push(candidate);
  }
  const lengths: SizeComparison[] = pairs.sort((a, b) => a.order - b.order).map(({ reported: r, registered: g, difference }) => ({ reported: r, registered: g, difference }));
  if (reported.weight && registered.weight) {
    lengths.push({ reported: reported.weight, registered: registered.weight, difference: relativeDifference(reported.weight, registered.weight) });
  }
  return lengths;
}

/** "17 in (43.2 cm)" when the units differ, "42 cm" when they do not. */
export function describe(measure: Measure, unit: 'cm' | 'g'): string {
  return measure.stated.endsWith(` ${unit}`) ? measure.stated : `${measure.stated} (${number(measure.value)} ${unit})`;
}
