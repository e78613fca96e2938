import { describe, expect, it } from 'vitest';
import { textOf } from '../../../../functions/matching/model.ts';
import { baseLanguage, detectLanguage } from '../../../../functions/matching/text/language.ts';

// Reports written for this test in the styles the registry receives (catalogue prose, customs and police notes, listings).
const reports: [string, string][] = [
  ['en', 'Seized at the port of Dover: a small bronze statuette of Osiris with the crown and flail, about 18 cm high, wrapped in newspaper in the boot of a car.'],
  ['en', 'For sale on an online marketplace, an Orthodox icon of the Virgin with a silver cover, the seller says it came from his grandmother in Romania.'],
  ['fr', "Saisie en douane à l'aéroport de Roissy : une statuette en bronze représentant Osiris, hauteur environ 18 cm, sans certificat d'exportation."],
  ['fr', 'Vente aux enchères à Bruxelles, lot 214 : icône de la Vierge à l’Enfant, tempera sur bois, revêtement en argent, provenance inconnue.'],
  ['es', 'Incautada en el aeropuerto de Barajas una estatuilla de bronce de Osiris, de unos 18 cm de alto, que el pasajero no declaró en la aduana.'],
  ['es', 'Se ofrece en una tienda de antigüedades de Lima un cuadro colonial de la Virgen con marco dorado, sin documentación de procedencia.'],
  ['de', 'Bei einer Kontrolle am Flughafen Frankfurt wurde eine kleine Bronzefigur des Osiris mit Krone sichergestellt, etwa 18 cm hoch.'],
  ['de', 'Im Angebot eines Wiener Auktionshauses: eine Ikone der Gottesmutter auf Holz mit einem silbernen Beschlag, Herkunft unbekannt.'],
  ['it', "Sequestrata all'aeroporto di Fiumicino una statuetta in bronzo di Osiride, alta circa 18 cm, priva di documenti di esportazione."],
  ['it', 'In vendita presso un antiquario di Napoli un dipinto su tavola con la Madonna e il Bambino, fondo oro, senza provenienza documentata.'],
  ['ar', 'ضبطت الجمارك في مطار القاهرة تمثالا صغيرا من البرونز للإله أوزوريس بارتفاع حوالي ١٨ سم مخبأ في حقيبة مسافر.'],
  ['ar', 'معروضة للبيع في متجر تحف في بيروت أيقونة للعذراء مرسومة على الخشب مع غطاء فضي ولا توجد وثائق تثبت مصدرها.'],
  ['ru', 'На таможне в аэропорту Шереметьево изъята бронзовая статуэтка Осириса высотой около 18 см без разрешения на вывоз.'],
  ['ru', 'На интернет-аукционе выставлена икона Богородицы на доске в серебряном окладе, происхождение продавец не указал.'],
  ['tr', 'İstanbul Havalimanı gümrüğünde bir yolcunun bavulunda yaklaşık 18 cm yüksekliğinde bronz bir Osiris heykelciği ele geçirildi.'],
  ['tr', 'Bir antikacıda satışa sunulan gümüş kaplamalı ahşap Meryem ikonasının menşei hakkında hiçbir belge bulunmuyor.'],
  ['zh', '上海海关在一名旅客行李中查获一件青铜奥西里斯小雕像，高约18厘米，无出口许可证明。'],
  ['zh', '某网上拍卖平台出售一幅木板蛋彩圣母像，带银质外罩，卖家未说明来源。'],
  ['el', 'Στο αεροδρόμιο της Αθήνας κατασχέθηκε χάλκινο αγαλματίδιο του Όσιρι, ύψους περίπου 18 εκ., χωρίς άδεια εξαγωγής.'],
  ['el', 'Σε κατάστημα αρχαιοτήτων της Θεσσαλονίκης πωλείται εικόνα της Παναγίας σε ξύλο με ασημένια επένδυση, χωρίς στοιχεία προέλευσης.'],
];

describe('detectLanguage', () => {
  it.each(reports)('reads a %s report with no tag as its language', (language, text) => {
    // Act
    const detected = detectLanguage(text);

    // Assert
    expect(detected).toBe(language);
  });

  it.each(reports)('reads a %s report tagged with the wrong language as its real language', (language, text) => {
    // Arrange
    const wrong = language === 'en' ? 'de' : 'en';

    // Act
    const detected = detectLanguage(text, wrong);

    // Assert
    expect(detected).toBe(language);
  });

  it.each([
    ['fr-BE', 'Statuette en bronze saisie à la frontière, hauteur environ 18 cm.', 'fr'],
    ['zh-Hans', '青铜小雕像，高约18厘米。', 'zh'],
    ['es-PE', 'Estatuilla de bronce incautada en la frontera.', 'es'],
    ['de-AT', 'Bronzefigur an der Grenze sichergestellt, etwa 18 cm hoch.', 'de'],
    ['en-GB', 'Bronze statuette seized at the border, about 18 cm high.', 'en'],
  ])('reads a report tagged %s as its base language', (tag, text, language) => {
    // Act
    const detected = detectLanguage(text, tag);

    // Assert
    expect(detected).toBe(language);
  });

  it('keeps the tag of a text too short to say otherwise', () => {
    // Act
    const detected = detectLanguage('Ikone', 'de-AT');

    // Assert
    expect(detected).toBe('de');
  });

  it('believes a tag naming a language the registry does not read when the script allows it', () => {
    // Act
    const dutch = detectLanguage('Bronzen beeldje van Osiris, hoogte ongeveer 18 cm, in beslag genomen aan de grens.', 'nl');
    const ukrainian = detectLanguage('Бронзова статуетка Осіріса, висота близько 18 см, вилучена на кордоні.', 'uk');

    // Assert
    expect([dutch, ukrainian]).toEqual(['nl', 'uk']);
  });

  it('gives no language for neither a tag nor enough text', () => {
    // Act
    const detected = detectLanguage('H 18');

    // Assert
    expect(detected).toBeUndefined();
  });
});

describe('baseLanguage', () => {
  it.each([
    ['fr-BE', 'fr'],
    ['zh-Hans', 'zh'],
    ['zh-Hant-TW', 'zh'],
    ['EN_gb', 'en'],
    ['iw', 'he'],
    ['not a tag', undefined],
    [undefined, undefined],
  ])('reads %s as %s', (tag, language) => {
    // Act
    const base = baseLanguage(tag);

    // Assert
    expect(base).toBe(language);
  });
});

describe('textOf', () => {
  it('gives a sighting tagged in the wrong language the language it is written in', () => {
    // Arrange
    const sighting = { text: 'Στο αεροδρόμιο της Αθήνας κατασχέθηκε χάλκινο αγαλματίδιο του Όσιρι.', lang: 'en' };

    // Act
    const query = textOf(sighting);

    // Assert
    expect(query?.lang).toBe('el');
  });

  it('gives a search with structured fields only and no tag the language of those fields', () => {
    // Arrange
    const search = { structured: { objectType: 'Heiligenfigur aus Holz', materials: ['Lindenholz, farbig gefasst und vergoldet'] } };

    // Act
    const query = textOf(search);

    // Assert
    expect(query?.lang).toBe('de');
  });
});
