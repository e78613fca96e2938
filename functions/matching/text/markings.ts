// Inventory numbers and labels: separators ignored, partial numbers allowed ("1187" within "ΚΑΣ 1187"), and numbers pulled out of free text.
import { fold } from './normalise.ts';

export interface Mark {
  /** As written, for reasons. */
  text: string;
  /** Folded letters and digits only: "ΚΑΣ-1187" and "kas 1187" are both "kas1187". */
  key: string;
  /** Runs of digits: the part of a number that survives transliteration and retyping. */
  numbers: string[];
}

export function markOf(text: string): Mark {
  const folded = fold(text);
  return { text, key: folded.replace(/[^\p{L}\p{N}]/gu, ''), numbers: folded.match(/\d+/g) ?? [] };
}

// Words that announce a number as a mark: "inv. no.", "n°", "№" (NFKC "no"), "Inv.-Nr.", "رقم", "номер", "envanter (numarası)", "αρ.", "编号".
const cue = String.raw`(?:inv|inventory|inventaire|inventario|inventar|inventarnummer|invnr|nr|no|n|num|numero|number|nummer|ref|label|etiquette|etiqueta|etikett|etichetta|rqm|nomer|envanter|numarasi|numara|ar|arithmos|编号|库存号|藏品号)`;
const cuedMark = new RegExp(String.raw`(?<![\p{L}\p{N}])${cue}[\s.:°º#"'«»„“”-]+((?:[a-z]{1,5}[\s./-]?)?\d[\d\s./-]*\d|\d)`, 'gu');
// Without a cue only a code written as one word counts ("KAS1187", "MB-1234"): "h 42" or "ca 1750" are not marks.
const mixedMark = /(?<![\p{L}\p{N}])([a-z]{1,5}[./-]?\d{2,}(?:[./-]\d+)*)(?![\p{L}\p{N}])/gu;

// A year the report dates the object by ("manufactured in 1954", "um 1900", "в 1890 г.", "1764年") is a date, not a number
// that may be a mark: accession numbers often hold years ("1954.12"), so it would support thousands of them.
const dating = String.raw`(?:in|dated|made|circa|c|ca|around|about|from|en|vers|um|im|jahr|nel|del|hacia|v|okolo|ok|peripou)`;
const datedYear = new RegExp(String.raw`(?<![\p{L}\p{N}])${dating}\.?\s+((?:1\d|20)\d\d)(?![\p{L}\p{N}])|(?<![\p{L}\p{N}])((?:1\d|20)\d\d)\s*(?:年|g\.|yilinda|yili)`, 'gu');

/**
 * Marks a report states, from folded free text. A cued number ("inv. 1187") or a letters-and-digits code ("MB-1234") is a claim
 * that can contradict; a bare number of three digits or more may be a mark, a year or a catalogue lot, so it only ever supports.
 */
export function marksInText(folded: string): { claimed: Mark[]; loose: string[] } {
  const claimed = [...folded.matchAll(cuedMark), ...folded.matchAll(mixedMark)].map((match) => markOf((match[1] ?? '').trim()));
  const claimedNumbers = new Set(claimed.flatMap((mark) => mark.numbers));
  const dates = new Set([...folded.matchAll(datedYear)].map((match) => match[1] ?? match[2]));
  const loose = (folded.match(/(?<![\p{L}\p{N}.,])\d{3,}(?![\p{L}\p{N}]|[.,]\d)/gu) ?? []).filter((number) => !claimedNumbers.has(number) && !dates.has(number));
  return { claimed: dedupe(claimed), loose: [...new Set(loose)] };
}

const dedupe = (marks: Mark[]) => [...new Map(marks.map((mark) => [mark.key, mark])).values()];

export type MarkAgreement = 'same' | 'contains' | 'contradicts';

/**
 * How a reported mark stands to a registered one: the same code, a part of it (a number without its prefix, a label half read),
 * or a different number. Letters alone are too easily retyped or transliterated differently to contradict.
 */
export function compareMarks(reported: Mark, registered: Mark): MarkAgreement | undefined {
  if (!reported.key || !registered.key) return undefined;
  if (reported.key === registered.key) return 'same';
  if (reported.key.length >= 3 && registered.key.includes(reported.key)) return 'contains';
  if (registered.key.length >= 3 && reported.key.includes(registered.key)) return 'same';
  const significant = reported.numbers.filter((number) => number.length >= 2);
  if (significant.length === 0 || registered.numbers.length === 0) return undefined;
  // The reported letters must be found on the registered mark for its numbers to count: 'bm 33' is not 'AB 00872-33'.
  const letters = reported.key.replace(/\d/g, '');
  const sameSeries = letters.length >= 2 && registered.key.includes(letters);
  const found = (number: string) => registered.numbers.some((other) => other === number || (number.length >= 3 && other.includes(number)));
  if (reported.numbers.every(found)) return letters === '' || sameSeries ? 'contains' : undefined;
  // A different number contradicts only in the same series, or when it is long enough not to be a folio, a lot or a verso.
  return sameSeries || (letters === '' && significant.some((number) => number.length >= 3)) ? 'contradicts' : undefined;
}
