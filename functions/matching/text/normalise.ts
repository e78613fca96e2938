// Folds text in any of the report languages to one comparable form: lower-case Latin letters, digits and Chinese characters.

// Letter by letter, close to ELOT 743 (Greek), BGN/PCGN (Russian) and a simple Arabic romanisation. Marks are stripped before
// these tables apply, so "ά" arrives as "α" and "й" as "и".
const greek: Record<string, string> = {
  α: 'a', β: 'v', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'i', θ: 'th', ι: 'i', κ: 'k', λ: 'l', μ: 'm', ν: 'n', ξ: 'x', ο: 'o', π: 'p',
  ρ: 'r', σ: 's', ς: 's', τ: 't', υ: 'y', φ: 'f', χ: 'ch', ψ: 'ps', ω: 'o',
};
const cyrillic: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ж: 'zh', з: 'z', и: 'i', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r',
  с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
  і: 'i', є: 'ye', ґ: 'g', ў: 'u', ј: 'j', љ: 'lj', њ: 'nj', џ: 'dz', ђ: 'dj', ћ: 'c',
};
const arabic: Record<string, string> = {
  ا: 'a', ٱ: 'a', ى: 'a', ب: 'b', ت: 't', ة: 'a', ث: 'th', ج: 'j', ح: 'h', خ: 'kh', د: 'd', ذ: 'dh', ر: 'r', ز: 'z', س: 's', ش: 'sh',
  ص: 's', ض: 'd', ط: 't', ظ: 'z', ع: '', غ: 'gh', ف: 'f', ق: 'q', ك: 'k', ک: 'k', گ: 'g', ل: 'l', م: 'm', ن: 'n', ه: 'h', و: 'w',
  ي: 'y', ی: 'y', ء: '', پ: 'p', چ: 'ch', ژ: 'zh', ـ: '',
  '٠': '0', '١': '1', '٢': '2', '٣': '3', '٤': '4', '٥': '5', '٦': '6', '٧': '7', '٨': '8', '٩': '9',
  '۰': '0', '۱': '1', '۲': '2', '۳': '3', '۴': '4', '۵': '5', '۶': '6', '۷': '7', '۸': '8', '۹': '9', '٫': '.', '،': ',',
};
// Letters that survive mark stripping but are not ASCII in Western and Turkish spelling.
const latin: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', þ: 'th', ð: 'd', ı: 'i', ŀ: 'l' };
const letters: Record<string, string> = { ...greek, ...cyrillic, ...arabic, ...latin };

// The Arabic article (and its fused "and the", "with the", "for the") is written onto the word; without this "الذهب" would not be "ذهب".
const arabicArticle = /(?<!\p{L})(?:[وبفك]?ال|لل)(?=\p{Script=Arabic}{2,})/gu;

/** Lower-case, unaccented, transliterated text; Chinese characters pass through unchanged. */
export function fold(text: string): string {
  // Most records and reports at scale are plain ASCII, which NFKC, marks and the tables all leave alone.
  if (/^[\x00-\x7f]*$/.test(text)) return text.toLowerCase();
  const decomposed = text.normalize('NFKC').replace(arabicArticle, '').toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
  return decomposed.replace(/[^\x00-\x7f]/gu, (char) => letters[char] ?? char);
}

const tokenPattern = /\p{Script=Han}+|[[\p{L}\p{N}]--\p{Script=Han}]+/gv;

/** Words of folded text, in order; each run of Chinese characters is one token. */
export function tokenise(folded: string): string[] {
  return folded.match(tokenPattern) ?? [];
}

export const isHan = (token: string): boolean => /^\p{Script=Han}/u.test(token);

// Enough to meet plural and case endings of the ten languages half-way (after transliteration: "Николая" is "nikolaya",
// "Αγίου" is "agiou"); both sides go through it, so it only has to agree with itself.
const endings = [
  'yami', 'asi', 'esi', 'ogo', 'ego', 'omu', 'emu', 'ymi', 'imi', 'ami', 'aya', 'iya', 'oye', 'ler', 'lar', 'es', 'en', 'os', 'as', 'is', 'oy', 'ey',
  'oe', 'ye', 'ou', 'om', 'em', 'ov', 'at', 'si', 's', 'e', 'a', 'i', 'o', 'u', 'y', 'n',
];

// Stemming is the hot path of indexing; words repeat, so they are remembered (and forgotten in bulk, to bound memory).
const stems = new Map<string, string>();
const rememberedStems = 100_000;

/** A crude stem: one common ending off a word of five letters or more, then its trailing vowels, leaving at least four letters. */
export function stem(token: string): string {
  if (token.length < 5) return token;
  const known = stems.get(token);
  if (known !== undefined) return known;
  let stemmed = token;
  if (/^[a-z]+$/.test(token)) {
    const ending = endings.find((end) => token.endsWith(end) && token.length - end.length >= 4);
    if (ending) stemmed = token.slice(0, -ending.length);
    while (stemmed.length > 4 && /[aeiouy]$/.test(stemmed)) stemmed = stemmed.slice(0, -1);
  }
  if (stems.size >= rememberedStems) stems.clear();
  stems.set(token, stemmed);
  return stemmed;
}

// Kept small on purpose: articles, prepositions and conjunctions that carry nothing in any report.
export const stopWordsByLanguage: Record<string, string> = {
  en: 'the a an of and or with in on at to for from by is was this that it its has have be are',
  fr: 'le la les un une des du de et ou avec en sur dans au aux pour par est sont ce cette',
  es: 'el la los las un una unos unas de del y o con en sobre por para es son este esta',
  de: 'der die das ein eine einen und oder mit auf im in von vom aus ist sind den dem des zu zum zur',
  it: 'il lo la i gli le un una di del della dei delle e o con su in per da è sono questo questa',
  ar: 'في من على مع و إلى عن هذا هذه ذلك التي الذي أو',
  ru: 'и в во на с со из по для это не к о от у или',
  tr: 've bir ile bu da de için olan veya',
  el: 'ο η το οι τα του της των τον την και με σε στο στη στην στον από για ένα μια ή είναι',
};
const stopWords = new Set(Object.values(stopWordsByLanguage).flatMap((words) => tokenise(fold(words))));

export const isStopWord = (token: string): boolean => stopWords.has(token);

/** True when text is written (at least partly) in a script other than Latin, so comparing it meant transliterating. */
export const isTransliterated = (text: string): boolean => /[\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Arabic}]/u.test(text);
