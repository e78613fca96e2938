// Reads the years a report dates an object to: millennia, centuries, years and named periods, in the ten report languages.
import { marksInText } from './markings.ts';
import { hanNumerals, tokenise } from './normalise.ts';
import { nameFinder } from './origin.ts';

interface Years {
  /** Negative before Christ: -3000 is 3000 BC. */
  from: number;
  to: number;
}

export interface StatedPeriod extends Years {
  /** The words of the text that stated it (folded), for reasons. */
  stated: string;
}

// Patterns over folded text (see normalise.ts): "av. J.-C." arrives as "av. j.-c.", "до н. э." as "do n. e.", "π.Χ." as "p.ch.",
// "قبل الميلاد" as "qbl mylad", "القرن" as "qrn".
const bcAfter = String.raw`b\.?\s?c\.?(?:\s?e\.?)?|av(?:ant|\.)?\s?j\.?[\s-]*c\.?|avant notre ere|a\.\s?(?:de\s?)?c\.?|antes de cristo|avanti cristo|vor christus|v\.\s?chr\.?|do\s?n\.\s?e\.?|do nashei ery|p\.\s?ch\.?|q\.\s?m\.?|qbl\s?mylad`;
const adAfter = String.raw`a\.?\s?d\.?|c\.?\s?e\.?|ap(?:r|res)?\.?\s?j\.?[\s-]*c\.?|n\.\s?chr\.?|nach christus|d\.\s?(?:de\s?)?c\.?|despues de cristo|dopo cristo|n\.\s?e\.?|m\.\s?ch\.?`;
const bcBefore = String.raw`m\.?\s?o\.?|bc`;
const adBefore = String.raw`a\.?\s?d\.?`;
const isBc = new RegExp(String.raw`^(?:${bcAfter}|${bcBefore})$`, 'u');

const centuryAfter = String.raw`century|centuries|cent\.|c\.|siecles?|s\.|siglos?|secol[oi]|sec\.|jahrhunderts?|jhd?t?\.?|jhs?\.|veka?|vv?\.|yuzyil\w*|yy\.|aionas|aiona|ai\.`;
const millenniumAfter = String.raw`millennium|millennia|millenaire|milenio|millennio|jahrtausends?|jt\.|tysyacheletiya?|tysyacheletie|binyil\w*|chilietia|chilietias`;
const centuryBefore = String.raw`siglos?|secolo|sec\.|s\.|qrn`;
const millenniumBefore = String.raw`milenio|millennio|alfya`;
const isMillennium = new RegExp(String.raw`^(?:${millenniumAfter}|${millenniumBefore}|千纪|千年)$`, 'u');

// Arabic writes ordinals as words: "السابع عشر" (seventeenth) folds to "sab shr".
const arabicOrdinals: Record<string, number> = { awl: 1, thany: 2, thalth: 3, rab: 4, khams: 5, sads: 6, sab: 7, thamn: 8, tas: 9, ashr: 10 };
const arabicOrdinal = String.raw`(?:awl|thany|thalth|rab|khams|sads|sab|thamn|tas|ashr)a?(?:\s+shra?)?`;
const ordinal = String.raw`\d{1,2}(?:-?[a-z]{1,3}|°)?\.?|[ivxl]{1,7}(?:e|er|eme|re)?\.?|${arabicOrdinal}`;
const circa = String.raw`ca?\.|circa|um|vers|hacia|okolo|yaklasik|peripou|hwaly`;
const years = String.raw`(?<a>\d{1,4})(?:\s*[-–]\s*(?<b>\d{1,4}))?`;

const pattern = (source: string) => new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${source})(?![\p{L}\p{N}])`, 'gu');

const romanDigits: Record<string, number> = { i: 1, v: 5, x: 10, l: 50 };
function roman(numeral: string): number {
  let total = 0;
  for (let at = 0; at < numeral.length; at += 1) {
    const value = romanDigits[numeral[at] ?? ''] ?? 0;
    total += value < (romanDigits[numeral[at + 1] ?? ''] ?? 0) ? -value : value;
  }
  return total;
}

const hanNumber = (text: string): number => Number(hanNumerals(text));

function ordinalValue(text: string): number {
  if (/^\d/.test(text)) return Number.parseInt(text, 10);
  const [word = '', teen] = text.split(/\s+/);
  const arabic = arabicOrdinals[word.replace(/a$/, '')];
  if (arabic !== undefined) return arabic + (teen ? 10 : 0);
  return roman(text.replace(/[^ivxl]+$/, ''));
}

/** The nth century or millennium, before Christ or after. */
function nth(n: number, size: number, bc: boolean): Years | undefined {
  if (n < 1 || n > (size === 1000 ? 12 : 21)) return undefined;
  return bc ? { from: -n * size, to: -((n - 1) * size + 1) } : { from: (n - 1) * size + 1, to: n * size };
}

const span = (a: Years | undefined, b: Years | undefined): Years | undefined =>
  a && b ? { from: Math.min(a.from, b.from), to: Math.max(a.to, b.to) } : (a ?? b);

type Groups = Partial<Record<'pre' | 'a' | 'b' | 'unit' | 'post' | 'circa', string>>;

function unitsOf(groups: Groups, value: (text: string) => number): Years | undefined {
  const size = isMillennium.test(groups.unit ?? '') ? 1000 : 100;
  const bc = isBc.test(groups.pre ?? groups.post ?? '');
  const first = nth(value(groups.a ?? ''), size, bc);
  return groups.b === undefined ? first : span(first, nth(value(groups.b), size, bc));
}

function yearsOf(groups: Groups, bc = isBc.test(groups.pre ?? groups.post ?? '')): Years | undefined {
  const a = Number(groups.a);
  const b = groups.b === undefined ? a : Number(groups.b);
  // "ca." widens the year by a generation either side; a range is taken as stated.
  const margin = groups.circa ? 25 : 0;
  const [from, to] = bc ? [-Math.max(a, b), -Math.min(a, b)] : [Math.min(a, b), Math.max(a, b)];
  return from > to || to > 2100 ? undefined : { from: from - margin, to: to + margin };
}

// Each rule blanks what it read, so "3rd millennium BC" is not read again as a year, nor "c. 1650" as a century.
const rules: { pattern: RegExp; read: (groups: Groups) => Years | undefined }[] = [
  {
    pattern: /(?<pre>公元前|公元|前)?约?(?<a>\d{1,4}|[一二三四五六七八九十]{1,3})(?<unit>世纪|千纪|千年|年)/gu,
    read: (groups) => {
      const n = hanNumber(groups.a ?? '');
      const bc = groups.pre !== undefined && groups.pre !== '公元';
      if (groups.unit !== '年') return nth(n, isMillennium.test(groups.unit ?? '') ? 1000 : 100, bc);
      // "2019年" with no era is a date in the report, not the object's (see bareYear).
      return groups.pre === undefined && n >= 1900 ? undefined : yearsOf({ a: String(n) }, bc);
    },
  },
  {
    pattern: pattern(String.raw`(?:(?<pre>${bcBefore}|${adBefore})\s*)?(?<a>${ordinal})(?:\s*[-–/]\s*(?<b>${ordinal}))?[\s-]*(?<unit>${millenniumAfter}|${centuryAfter})(?:\s*(?<post>${bcAfter}|${adAfter}))?`),
    read: (groups) => unitsOf(groups, ordinalValue),
  },
  {
    pattern: pattern(String.raw`(?<unit>${millenniumBefore}|${centuryBefore})\s*(?<a>${ordinal})(?:\s*[-–/]\s*(?<b>${ordinal}))?(?:\s*(?<post>${bcAfter}|${adAfter}))?`),
    read: (groups) => unitsOf(groups, ordinalValue),
  },
  { pattern: pattern(String.raw`(?:(?<circa>${circa})\s*)?${years}\s*(?<post>${bcAfter}|${adAfter})`), read: (groups) => yearsOf(groups) },
  { pattern: pattern(String.raw`(?<pre>${bcBefore}|${adBefore})\s*(?:(?<circa>${circa})\s*)?${years}`), read: (groups) => yearsOf(groups) },
  { pattern: pattern(String.raw`(?<circa>${circa})\s*${years}`), read: (groups) => yearsOf(groups) },
];

// A bare number reads as a year only before 1900 and when it is not a mark, a size or part of a date: later years in a report are
// far more often when the object was sold, seized or photographed than when it was made.
const bareYear = /(?<![\p{L}\p{N}#/.,×-])(?<!(?:no|nr|inv|n°)\.?\s?)(1[0-8]\d\d)(?![\p{L}\p{N}]|[.,/-]\d|\s*(?:mm|cm|m|kg|g|x|×)(?![\p{L}]))/gu;

const range = (from: number, to: number): Years => ({ from, to });
// Names of periods that date an object by themselves; the longest name wins, so "Neo-Assyrian" is not read as "Assyrian".
const findNamedPeriods = nameFinder<Years>([
  [range(-3500, -2000), 'Sumerian, sumérien, sumérienne, sumerisch, sumerio, sumero, шумерский, шумерская, σουμεριακός, Sümer, سومري, 苏美尔'],
  [range(-2350, -2150), 'Akkadian, akkadien, akkadienne, akkadisch, acadio, accadico, аккадский, أكدي, 阿卡德'],
  [range(-2000, -1595), 'Old Babylonian, paléo-babylonien, altbabylonisch, paleobabilonico, старовавилонский'],
  [range(-1900, -539), 'Babylonian, babylonien, babylonienne, babylonisch, babilonio, babilonese, вавилонский, βαβυλωνιακός, بابلي, 巴比伦'],
  [range(-626, -539), 'Neo-Babylonian, néo-babylonien, neubabylonisch, neobabilonico, neobabilónico, нововавилонский, 新巴比伦'],
  [range(-2025, -609), 'Assyrian, assyrien, assyrienne, assyrisch, asirio, assiro, ассирийский, ассирийская, ασσυριακός, آشوري, 亚述'],
  [range(-911, -609), 'Neo-Assyrian, néo-assyrien, néo-assyrienne, neuassyrisch, neoasirio, neoassiro, новоассирийский, 新亚述'],
  [range(-550, -330), 'Achaemenid, achéménide, achämenidisch, aqueménida, achemenide, ахеменидский, 阿契美尼德'],
  [range(-323, -31), 'Hellenistic, hellénistique, hellenistisch, helenístico, ellenistico, эллинистический, ελληνιστικός, ελληνιστική, Helenistik, هلنستي, 希腊化'],
  [range(-305, -30), 'Ptolemaic, ptolémaïque, ptolemäisch, ptolemaico, tolemaico, птолемеевский, πτολεμαϊκός, بطلمي, 托勒密'],
  [range(-3100, -30), 'pharaonic, pharaonique, pharaonisch, faraónico, faraonico, фараонов, φαραωνικός, فرعوني, 法老'],
  [range(-247, 224), 'Parthian, parthe, parthisch, парфянский, 安息'],
  [range(-27, 476), 'Roman, romain, romaine, römisch, romano, romana, римский, римская, ρωμαϊκός, ρωμαϊκή, Roma dönemi, روماني, 罗马'],
  [range(224, 651), 'Sasanian, Sassanid, sassanide, sasanidisch, sasánida, sasanide, сасанидский, ساساني, 萨珊'],
  [range(30, 375), 'Kushan, kouchan, kuschanisch, kushana, кушанский, 贵霜'],
  [range(-100, 500), 'Gandharan, gandharien, gandharisch, гандхарский, 犍陀罗'],
  [range(200, 1100), 'Coptic, copte, koptisch, copto, коптский, κοπτικός, Kıpti, قبطي, 科普特'],
  [range(330, 1453), 'Byzantine, byzantin, byzantine, byzantinisch, bizantino, bizantina, византийский, византийская, βυζαντινός, βυζαντινή, βυζαντινό, Bizans, بيزنطي, بيزنطية, 拜占庭'],
  [range(1453, 1830), 'post-Byzantine, post-byzantin, postbyzantinisch, posbizantino, postbizantino, поствизантийский, μεταβυζαντινός, μεταβυζαντινή, 后拜占庭'],
  [range(661, 750), 'Umayyad, omeyyade, umayyadisch, omeya, omayyade, омейядский, أموي, 倭马亚'],
  [range(750, 1258), 'Abbasid, abbasside, abbasidisch, abasí, abbaside, аббасидский, 阿拔斯'],
  [range(1250, 1517), 'Mamluk, mamelouk, mamlukisch, mameluco, mamelucco, мамлюкский, مملوكي, 马穆鲁克'],
  [range(1299, 1922), 'Ottoman, ottomane, osmanisch, otomano, ottomano, османский, οθωμανικός, Osmanlı, عثماني, 奥斯曼'],
  [range(550, 802), 'pre-Angkor, pré-angkorien, préangkorien, vorangkorisch, preangkoriano, доангкорский, 前吴哥'],
  [range(802, 1431), 'Angkor, Angkorian, angkorien, angkorienne, angkorianisch, angkoriano, ангкорский, 吴哥'],
  [range(-3000, 1532), 'pre-Columbian, précolombien, précolombienne, präkolumbisch, präkolumbianisch, precolombino, precolombiano, доколумбовый, доколумбова, προκολομβιανός, Kolomb öncesi, ما قبل كولومبوس, 前哥伦布, pre-Hispanic, préhispanique, prehispánico, preispanico'],
  [range(1300, 1521), 'Aztec, aztèque, aztekisch, azteca, ацтекский, 阿兹特克'],
  [range(1400, 1533), 'Inca, Inka, incaïque, inkaisch, incaico, инкский, 印加'],
  [range(-1200, -400), 'Olmec, olmèque, olmekisch, olmeca, ольмекский, 奥尔梅克'],
  [range(-1500, 500), 'Nok culture, culture Nok, Nok-Kultur, cultura Nok, Nok terracotta'],
  [range(-1600, -1046), 'Shang, Shang dynasty, 商代, 商朝'],
  [range(-1046, -256), 'Zhou dynasty, 周代, 周朝'],
  [range(-206, 220), 'Han dynasty, dynastie Han, Han-Dynastie, dinastía Han, dinastia Han, 汉代, 汉朝'],
  [range(618, 907), 'Tang dynasty, dynastie Tang, Tang-Dynastie, dinastía Tang, dinastia Tang, 唐代, 唐朝'],
  [range(960, 1279), 'Song dynasty, dynastie Song, Song-Dynastie, dinastía Song, dinastia Song, 宋代, 宋朝'],
  [range(1368, 1644), 'Ming, Ming dynasty, 明代, 明朝'],
  [range(1644, 1911), 'Qing, Qing dynasty, 清代, 清朝'],
]);

/** The years a report dates the object to, or undefined when it gives none; several statements widen the range, never narrow it. */
export function periodIn(folded: string): StatedPeriod | undefined {
  const found: StatedPeriod[] = [];
  let rest = folded;
  for (const rule of rules) {
    rest = rest.replace(rule.pattern, (match: string, ...args: unknown[]) => {
      const years = rule.read(args.at(-1) as Groups);
      if (!years) return match;
      found.push({ ...years, stated: match.trim() });
      return ' '.repeat(match.length);
    });
  }
  for (const { value, words } of findNamedPeriods(tokenise(folded))) found.push({ ...value, stated: words });
  if (found.length === 0) for (const [match] of rest.matchAll(bareYear)) found.push({ from: Number(match), to: Number(match), stated: match });
  if (found.length === 0) return undefined;
  return {
    from: Math.min(...found.map((period) => period.from)),
    to: Math.max(...found.map((period) => period.to)),
    stated: [...new Set(found.map((period) => period.stated))].join(', '),
  };
}

/** The period a text states, its marks left out: in "inv. no. KAS 1188" the 1188 is a number, not a year. */
export function periodOutsideMarks(folded: string): StatedPeriod | undefined {
  const { claimed } = marksInText(folded);
  return periodIn(claimed.reduce((rest, mark) => rest.replaceAll(mark.text, ' '.repeat(mark.text.length)), folded));
}
