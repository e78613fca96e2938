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
// Traditional Chinese characters common in marks, inscriptions and catalogue prose, to their simplified forms: a reign mark
// "大清康熙年製" and a report's "大清康熙年制" are one text. Pairs, traditional first.
const traditional = '寶宝寳宝孫孙製制霽霁寫写於于遠远書书龍龙紋纹雲云鳳凤畫画圖图館馆銅铜鐵铁銀银錢钱幣币國国與与萬万壽寿長长門门間间開开關关東东陳陈馬马鳥鸟魚鱼蓮莲纏缠臺台灣湾華华麗丽廟庙經经觀观蘭兰藝艺術术點点為为黃黄歲岁歷历曆历傳传體体漢汉號号當当時时對对會会發发無无學学實实聖圣齋斋樓楼園园鐘钟鏡镜壺壶爐炉盤盘綠绿紅红藍蓝獸兽禮礼貝贝陽阳陰阴雙双錯错盞盏雞鸡鵲鹊亞亚豐丰豊丰澤泽濟济縣县鄉乡筆笔紙纸絹绢軸轴冊册頁页題题簽签鈐钤璽玺舊旧齊齐韓韩趙赵劉刘張张楊杨吳吴鄭郑蘇苏葉叶羅罗鄧邓釋释嚴严鑲镶鑄铸銘铭輪轮飛飞鶴鹤龜龟獅狮貓猫騎骑戰战車车橋桥燈灯爺爷寧宁樂乐誌志記记詩诗詞词賦赋軒轩閣阁巖岩嶺岭灘滩濤涛陸陆億亿邊边盃杯淨净靜静縷缕繪绘織织繡绣錦锦緞缎緙缂紗纱綢绸線线鈕钮釦扣銜衔鋪铺鍍镀瓏珑璫珰瑤瑶瓊琼環环釵钗鐲镯墜坠飾饰礦矿琺珐瑯琅彫雕硯砚臥卧憂忧歡欢慶庆鑒鉴鑑鉴藥药醫医櫃柜櫥橱牀床風风';
const chinese: Record<string, string> = Object.fromEntries(Array.from({ length: traditional.length / 2 }, (_, at) => [traditional[2 * at], traditional[2 * at + 1]]));
const letters: Record<string, string> = { ...greek, ...cyrillic, ...arabic, ...latin, ...chinese };

// The Arabic article (and its fused "and the", "with the", "for the") is written onto the word; without this "الذهب" would not be "ذهب".
const arabicArticle = /(?<!\p{L})(?:[وبفك]?ال|لل)(?=\p{Script=Arabic}{2,})/gu;

/** Lower-case, unaccented, transliterated text; Chinese characters pass through, traditional forms made simplified. */
export function fold(text: string): string {
  // Most records and reports at scale are plain ASCII, which NFKC, marks and the tables all leave alone.
  if (/^[\x00-\x7f]*$/.test(text)) return text.toLowerCase();
  const decomposed = text.normalize('NFKC').replace(arabicArticle, '').toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
  return decomposed.replace(/[^\x00-\x7f]/gu, (char) => letters[char] ?? char);
}

const hanDigitValues: Record<string, number> = { '〇': 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const hanPlaces: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

function hanValue(run: string): string {
  const characters = [...run];
  // Written digit by digit ("一七六四", "二〇一九") or with places ("二十三", "千六百")?
  if (!characters.some((character) => character in hanPlaces)) return characters.map((character) => hanDigitValues[character] ?? '').join('');
  let total = 0;
  let digit = 0;
  for (const character of characters) {
    const place = hanPlaces[character];
    if (place) (total += (digit || 1) * place), (digit = 0);
    else digit = hanDigitValues[character] ?? 0;
  }
  return String(total + digit);
}

/**
 * Chinese and Japanese numerals as Arabic digits ("寛文三年八月" to "寛文3年8月", "乾隆二十年" to "乾隆20年"), so that a date or
 * number on an inscription meets one a report gives in digits. Not part of fold: "十字架" is a cross, not "10字架".
 */
export const hanNumerals = (text: string): string => text.replace(/[〇零一二三四五六七八九十百千]+/gu, hanValue);

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
  de: 'der die das ein eine einen einer eines einem und oder mit auf im in von vom aus ist sind den dem des zu zum zur',
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

const scripts = ['Latin', 'Greek', 'Cyrillic', 'Arabic', 'Han', 'Armenian', 'Devanagari', 'Hebrew', 'Georgian'] as const;
const scriptPatterns = scripts.map((script) => [script, new RegExp(`\\p{Script=${script}}`, 'u')] as const);

/** The first script the text is written in ('other' for none of the common ones): readings in two scripts are not compared letter by letter. */
export function scriptOf(text: string): string {
  let first: { script: string; at: number } | undefined;
  for (const [script, pattern] of scriptPatterns) {
    const at = text.search(pattern);
    if (at >= 0 && (!first || at < first.at)) first = { script, at };
  }
  return first?.script ?? 'other';
}
