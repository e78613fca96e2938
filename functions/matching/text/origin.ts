// Finds the countries of origin a report names (a country, its adjective, or a culture of one place), in the ten report languages.
import { fold, isHan, stem, tokenise } from './normalise.ts';

export interface NameHit<T> {
  value: T;
  /** The words of the text that gave the name, as written there (folded), for reasons. */
  words: string;
}

interface Name<T> {
  stems: string[];
  lengths: number[];
  value: T;
}

/**
 * A finder of names of one or more words, written in any of the report languages and separated by commas. Like the vocabulary it
 * compares stems, longest name first, so "из Ирака" is Iraq; a word must also be at least as long as the name's, since a stem
 * may drop an ending but must not let a shorter word in ("chin" is not "China").
 */
export function nameFinder<T>(table: [value: T, names: string][]): (tokens: string[]) => NameHit<T>[] {
  const byFirstStem = new Map<string, Name<T>[]>();
  const han: { name: string; value: T }[] = [];
  for (const [value, names] of table) {
    for (const name of names.split(',')) {
      const words = tokenise(fold(name));
      if (words.length === 1 && isHan(words[0] ?? '')) {
        han.push({ name: words[0] ?? '', value });
        continue;
      }
      const stems = words.map(stem);
      const first = stems[0] ?? '';
      byFirstStem.set(first, [...(byFirstStem.get(first) ?? []), { stems, lengths: words.map((word) => word.length), value }]);
    }
  }
  for (const names of byFirstStem.values()) names.sort((a, b) => b.stems.length - a.stems.length);
  han.sort((a, b) => b.name.length - a.name.length);

  return (tokens) => {
    const hits: NameHit<T>[] = [];
    const stems = tokens.map(stem);
    for (let at = 0; at < tokens.length; ) {
      const token = tokens[at] ?? '';
      if (isHan(token)) {
        for (let char = 0; char < token.length; ) {
          const entry = han.find(({ name }) => token.startsWith(name, char));
          if (entry) hits.push({ value: entry.value, words: entry.name });
          char += entry?.name.length ?? 1;
        }
        at += 1;
        continue;
      }
      const name = byFirstStem
        .get(stems[at] ?? '')
        ?.find((candidate) => candidate.stems.every((word, i) => stems[at + i] === word && (tokens[at + i]?.length ?? 0) >= (candidate.lengths[i] ?? 0)));
      if (name) hits.push({ value: name.value, words: tokens.slice(at, at + name.stems.length).join(' ') });
      at += name?.stems.length ?? 1;
    }
    return hits;
  };
}

// The countries of the Red List categories, with their adjectives and the cultures that belong to them. Greece goes without "Greek",
// which more often names the language of an inscription than where the object comes from. Russia is here only because its icons
// look like Greek ones: a report that says an icon is Russian must not be read as one of unknown origin.
const places: [countries: string, names: string][] = [
  ['IQ', 'Iraq, Iraqi, Irak, irakien, irakienne, irakisch, iraquí, iraquíes, iracheno, irachena, Ирак, иракский, Ιράκ, ιρακινός, ιρακινό, Iraklı, العراق, عراقي, عراقية, 伊拉克'],
  ['IQ', 'Sumer, Sumerian, sumérien, sumérienne, sumerisch, sumerio, sumero, шумерский, шумерская, σουμεριακός, Sümer, سومري, 苏美尔'],
  ['IQ', 'Babylonia, Babylonian, babylonien, babylonienne, babylonisch, babilonio, babilonese, Babil, вавилонский, вавилонская, βαβυλωνιακός, بابلي, 巴比伦'],
  ['IQ', 'Akkadian, akkadien, akkadienne, akkadisch, acadio, accadico, аккадский, Akad, أكدي, 阿卡德'],
  ['IQ SY', 'Assyria, Assyrian, assyrien, assyrienne, assyrisch, asirio, assiro, ассирийский, ассирийская, ασσυριακός, Asur, آشوري, 亚述'],
  ['IQ SY', 'Mesopotamia, Mesopotamian, Mésopotamie, mésopotamien, mésopotamienne, Mesopotamien, mesopotamisch, mesopotámico, mesopotamico, Месопотамия, месопотамский, Μεσοποταμία, Mezopotamya, بلاد الرافدين, ما بين النهرين, 美索不达米亚'],
  ['SY', 'Syria, Syrian, Syrie, syrien, syrienne, Syrien, syrisch, Siria, sirio, siriano, Сирия, сирийский, Συρία, συριακός, Suriye, سوريا, سورية, سوري, 叙利亚, Palmyra, Palmyrene, Palmyre, palmyrénien, Palmira, Пальмира, 巴尔米拉'],
  ['AF', 'Afghanistan, Afghan, afghane, afghanisch, Afganistán, afgano, Афганистан, афганский, Αφγανιστάν, Afganistan, أفغانستان, أفغاني, 阿富汗, Bactria, Bactrian, Bactriane, baktrisch, bactriano, Бактрия, бактрийский, 巴克特里亚'],
  ['AF PK', 'Gandhara, Gandharan, gandharien, gandharienne, gandharisch, gandhárico, Гандхара, гандхарский, غاندارا, 犍陀罗'],
  ['EG', 'Egypt, Egyptian, Égypte, égyptien, égyptienne, Ägypten, ägyptisch, Egipto, egipcio, Egitto, egizio, egiziano, Египет, Египта, египетский, Αίγυπτος, Αιγύπτου, αιγυπτιακός, Mısır, مصر, مصري, مصرية, 埃及, pharaonic, pharaonique, pharaonisch, faraónico, faraonico, фараонов, فرعوني, Coptic, copte, koptisch, copto, коптский, Kıpti, قبطي, 科普特'],
  ['LY', 'Libya, Libyan, Libye, libyen, libyenne, Libyen, libysch, Libia, libio, libico, Ливия, ливийский, Λιβύη, ليبيا, ليبي, 利比亚, Cyrenaica, Cyrénaïque, Kyrenaika, Cirenaica, Киренаика, برقة, Tripolitania, Tripolitaine, Tripolitanien, Leptis Magna, Sabratha'],
  ['MX', 'Mexico, Mexican, Mexique, mexicain, mexicaine, Mexiko, mexikanisch, México, mexicano, Messico, messicano, Мексика, мексиканский, Μεξικό, Meksika, المكسيك, 墨西哥, Aztec, aztèque, aztekisch, azteca, ацтекский, 阿兹特克, Olmec, olmèque, olmekisch, olmeca, ольмекский, 奥尔梅克, Teotihuacan, Zapotec, zapotèque, zapoteca, Mixtec, mixtèque, mixteca, Colima, Nayarit, Jalisco'],
  ['MX GT BZ HN SV', 'Mayan, Maya culture, civilisation maya, cultura maya, Maya-Kultur, майя, 玛雅'],
  ['GT', 'Guatemala, Guatemalan, guatémaltèque, guatemaltekisch, guatemalteco, Гватемала'],
  ['BZ', 'Belize, Belice, Белиз'],
  ['HN', 'Honduras, hondurien, hondureño, Гондурас'],
  ['SV', 'El Salvador, salvadorien, salvadoreño, Сальвадор'],
  ['NI', 'Nicaragua, nicaraguayen, nicaragüense, Никарагуа'],
  ['CR', 'Costa Rica, costaricien, costarricense, Коста-Рика'],
  ['PA', 'Panama, Panamá, panaméen, panameño, Панама'],
  ['CO', 'Colombia, Colombian, Colombie, colombien, colombienne, Kolumbien, kolumbianisch, colombiano, Колумбия, Κολομβία, Kolombiya, كولومبيا, 哥伦比亚, Tairona, Quimbaya, Muisca, Calima'],
  ['VE', 'Venezuela, Venezuelan, vénézuélien, venezolano, Венесуэла'],
  ['EC', 'Ecuador, Ecuadorian, Équateur, équatorien, ecuatoriano, Эквадор, Valdivia'],
  ['PE', 'Peru, Peruvian, Pérou, péruvien, péruvienne, Perú, peruano, peruviano, Перу, перуанский, Περού, بيرو, 秘鲁, Moche, Mochica, Nazca, Nasca, Chimú, Chancay, Paracas, Wari, Huari'],
  ['PE BO EC', 'Inca, Inka, incaïque, inkaisch, incaico, инков, инкский, إنكا, 印加'],
  ['BO', 'Bolivia, Bolivian, Bolivie, bolivien, boliviano, Боливия, Tiwanaku, Tiahuanaco'],
  ['CL', 'Chile, Chilean, Chili, chilien, chilenisch, chileno, Чили'],
  ['AR', 'Argentina, Argentine, Argentinian, argentin, Argentinien, argentinisch, argentino, Аргентина'],
  [
    'MX GT BZ HN SV NI CR PA CO VE EC PE BO CL AR',
    'pre-Columbian, précolombien, précolombienne, präkolumbisch, präkolumbianisch, precolombino, precolombiano, доколумбовый, доколумбова, προκολομβιανός, Kolomb öncesi, ما قبل كولومبوس, 前哥伦布, pre-Hispanic, préhispanique, prehispánico, preispanico, Latin America, Latin American, Amérique latine, latino-américain, Lateinamerika, lateinamerikanisch, América Latina, latinoamericano, America Latina, Латинская Америка, Λατινική Αμερική, Latin Amerika, أمريكا اللاتينية, 拉丁美洲, Mesoamerica, Mesoamerican, Mésoamérique, mésoaméricain, Mesoamerika, mesoamerikanisch, Mesoamérica, mesoamericano, Мезоамерика, 中美洲, Andean, andin, andine, andino, Anden',
  ],
  ['KH', 'Cambodia, Cambodian, Cambodge, cambodgien, cambodgienne, Kambodscha, kambodschanisch, Camboya, camboyano, Cambogia, cambogiano, Камбоджа, камбоджийский, Καμπότζη, Kamboçya, كمبوديا, 柬埔寨, Khmer, khmère, jemer, кхмерский, χμερ, Kmer, الخمير, 高棉, Angkor, angkorien, angkorienne, Ангкор, أنغكور, 吴哥'],
  ['ML', 'Mali, Malian, malien, malienne, malisch, maliense, Мали, مالي, 马里, Djenné, Jenne, Dschenne, Djenné-Djenno, Inland Niger Delta, delta intérieur du Niger, Binnendelta des Niger, delta interior del Níger, Dogon, Tellem, Bambara'],
  ['BF', 'Burkina Faso, burkinabè, Буркина-Фасо, Bura culture, culture Bura'],
  ['NE', 'Niger, nigérien, nigrisch, Нигер'],
  ['NG', 'Nigeria, Nigerian, Nigéria, nigérian, nigérianne, nigerianisch, nigeriano, Нигерия, нигерийский, Νιγηρία, Nijerya, نيجيريا, 尼日利亚, Nok culture, culture Nok, Nok-Kultur, cultura Nok, Nok terracotta, Igbo-Ukwu, Ife, Benin bronze, bronzes du Bénin, Benin-Bronzen, Esie'],
  ['GH', 'Ghana, Ghanaian, ghanéen, ghanaisch, ghanés, Гана, Komaland'],
  ['CI', "Ivory Coast, Côte d'Ivoire, ivoirien, ivoirienne, Elfenbeinküste, Costa de Marfil, Costa d'Avorio, Кот-д’Ивуар"],
  ['TD CM', 'Sao culture, culture Sao, cultura Sao'],
  ['TD', 'Chad, Tchad, tchadien, Tschad, Чад'],
  ['CM', 'Cameroon, Cameroonian, Cameroun, camerounais, Kamerun, Camerún, Камерун'],
  ['BJ', 'Benin, Bénin, béninois, Benín, Бенин'],
  ['TG', 'Togo, togolais, Того'],
  ['GN', 'Guinea, Guinée, guinéen, Guinée-Conakry, Гвинея'],
  ['SN', 'Senegal, Sénégal, sénégalais, Сенегал'],
  ['MR', 'Mauritania, Mauritanie, mauritanien, Mauretanien, Мавритания'],
  ['CN', 'China, Chinese, Chine, chinois, chinoise, chinesisch, chino, Cina, cinese, Китай, Китая, китайский, Κίνα, κινέζικος, Çin, الصين, صيني, صينية, 中国, 中國, Shang dynasty, Zhou dynasty, Han dynasty, Tang dynasty, Song dynasty, Ming dynasty, Qing dynasty, dynastie Han, dynastie Tang, dynastie Ming, Tang-Dynastie, Ming-Dynastie, dinastía Tang, dinastía Ming, dinastia Tang, dinastia Ming, 商代, 周代, 汉代, 唐代, 宋代, 明代, 清代'],
  ['GR', 'Greece, Grèce, Griechenland, Grecia, Греция, Греции, Ελλάδα, Ελλάδας, Yunanistan, اليونان, 希腊, Athos, Mount Athos, Άγιον Όρος, Mistra'],
  ['CY', 'Cyprus, Cypriot, Cypriote, Chypre, chypriote, Zypern, zypriotisch, Chipre, chipriota, Cipro, cipriota, Кипр, кипрский, Κύπρος, Κύπρου, κυπριακός, κυπριακή, Kıbrıs, قبرص, قبرصي, 塞浦路斯'],
  ['RU', 'Russia, Russian, Russie, russe, Russland, russisch, Rusia, ruso, russo, Россия, России, русский, русская, Ρωσία, ρωσικός, ρωσική, Rusya, روسيا, روسي, 俄罗斯, 俄国'],
];

const findPlaces = nameFinder(places.map(([countries, names]) => [countries.split(' '), names]));

export interface OriginHit {
  country: string;
  words: string;
}

/** Countries of origin named in a list of folded tokens, each once, with the most specific words that named it ("Peru" over "pre-Columbian"). */
export function originsIn(tokens: string[]): OriginHit[] {
  const origins = new Map<string, { words: string; of: number }>();
  for (const { value, words } of findPlaces(tokens)) {
    for (const country of value) if ((origins.get(country)?.of ?? Infinity) > value.length) origins.set(country, { words, of: value.length });
  }
  return [...origins].map(([country, { words }]) => ({ country, words }));
}
