// Says which language a report or a record is written in: the declared tag's base language when the text agrees with it or
// says too little, else the language the text itself is written in: its script, then for Latin text its function words.
// A trigram library (franc-min) read the development set's Latin texts a little better (277 of 280 untagged against 274),
// but its 102 KB of models, beside the vocabulary, took the search, sightings and matcher bundles over 1 MB.
import { vocabularyLanguages } from '../../../schemas/vocabulary-concept.ts';
import { stopWordsByLanguage } from './normalise.ts';

/** "fr-BE" is "fr", "zh-Hans" is "zh", "EN_gb" is "en"; undefined for no tag or one that names no language. */
export function baseLanguage(tag: string | undefined): string | undefined {
  if (!tag) return undefined;
  try {
    const [canonical] = Intl.getCanonicalLocales(tag.trim().replace(/_/g, '-'));
    const language = canonical ? new Intl.Locale(canonical).language : undefined;
    return language && language !== 'und' ? language : undefined;
  } catch {
    return undefined;
  }
}

// The report languages written in the Latin script.
const latinLanguages = ['en', 'fr', 'es', 'de', 'it', 'tr'];
const reportLanguages: ReadonlySet<string> = new Set(vocabularyLanguages);

// Languages other than the report languages that share a script with one: a tag naming one is believed, not "corrected".
const sharesScript: Record<string, ReadonlySet<string>> = {
  cyrillic: new Set(['uk', 'bg', 'sr', 'mk', 'be', 'kk', 'ky', 'mn', 'tg', 'ba', 'tt', 'cv', 'ce', 'os', 'ab']),
  arabic: new Set(['fa', 'ur', 'ps', 'ku', 'ckb', 'ug', 'sd', 'ks']),
  han: new Set(['ja', 'ko', 'yue', 'wuu', 'lzh', 'vi']),
};

// Below this many letters a text names a language too weakly to overrule a tag or to be given one.
const fewestLetters = 12;

function scriptCounts(text: string) {
  const count = (pattern: RegExp) => text.match(pattern)?.length ?? 0;
  return {
    latin: count(/\p{Script=Latin}/gu),
    greek: count(/\p{Script=Greek}/gu),
    cyrillic: count(/\p{Script=Cyrillic}/gu),
    arabic: count(/\p{Script=Arabic}/gu),
    // A Chinese character says as much as a short word: weighed as three letters.
    han: count(/\p{Script=Han}/gu) * 3,
    kana: count(/[\p{Script=Hiragana}\p{Script=Katakana}]/gu) * 3,
    hangul: count(/\p{Script=Hangul}/gu) * 3,
  };
}

// Letters only Turkish writes among the report languages: a short Turkish line full of names has few function words.
const turkishLetters = /[ğışİĞŞ]/gu;

// Articles, prepositions and conjunctions: every report has some, and names and loanwords ("faience", "Horwedja") do not sway them.
const latinStopWords = new Map<string, string[]>();
for (const language of latinLanguages) {
  for (const word of (stopWordsByLanguage[language] ?? '').split(' ')) latinStopWords.set(word, [...(latinStopWords.get(word) ?? []), language]);
}

/** Each language's share of the function words, a word several languages use shared among them. */
function functionWordVotes(text: string): Map<string, number> {
  const votes = new Map<string, number>();
  for (const word of text.toLowerCase().match(/\p{L}+/gu) ?? []) {
    const languages = latinStopWords.get(word) ?? [];
    for (const language of languages) votes.set(language, (votes.get(language) ?? 0) + 1 / languages.length);
  }
  return votes;
}

function latinLanguage(text: string, declared: string | undefined): string | undefined {
  if (declared && !reportLanguages.has(declared)) return declared;
  const votes = functionWordVotes(text);
  if ((text.match(turkishLetters)?.length ?? 0) >= 2) votes.set('tr', (votes.get('tr') ?? 0) + 3);
  const [first, second] = [...votes].toSorted(([, a], [, b]) => b - a);
  // A tag stays unless another language has clearly more function words: a French title quoted in an English report is not French.
  if (first && first[1] > (second?.[1] ?? 0) && (!declared || first[1] >= 2 * (votes.get(declared) ?? 0) + 1)) return first[0];
  // Neither a tag nor a function word: English, the commonest language of reports.
  return declared ?? first?.[0] ?? 'en';
}

/**
 * The base language (ISO 639-1 where there is one) a text is written in. `declared` is the tag the sender gave, if any: kept
 * when the text agrees or is too short to say, replaced when the text is plainly in another language (a Greek report tagged
 * "en"). Undefined only when there is neither a usable tag nor enough text.
 */
export function detectLanguage(text: string, declared?: string): string | undefined {
  const tagged = baseLanguage(declared);
  const counts = scriptCounts(text);
  const letters = Object.values(counts).reduce((sum, value) => sum + value, 0);
  if (letters < fewestLetters) return tagged;
  const [script] = Object.entries(counts).toSorted(([, a], [, b]) => b - a)[0] ?? ['latin'];
  switch (script) {
    case 'greek':
      return 'el';
    case 'cyrillic':
      return tagged && sharesScript.cyrillic?.has(tagged) ? tagged : 'ru';
    case 'arabic':
      return tagged && sharesScript.arabic?.has(tagged) ? tagged : 'ar';
    case 'han':
      if (counts.kana > 0) return 'ja';
      return tagged && sharesScript.han?.has(tagged) ? tagged : 'zh';
    case 'kana':
      return 'ja';
    case 'hangul':
      return 'ko';
    default:
      return latinLanguage(text, tagged);
  }
}
