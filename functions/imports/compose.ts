// What an import fills in that a collection export seldom gives: the description, composed from the fields a row has
// the way a registrar writes a catalogue line, and the language of the record's text.

type Record_ = Record<string, unknown>;

const textOf = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
const listOf = (value: unknown) => (Array.isArray(value) ? value.map(textOf).filter(Boolean) : []);

function sizeLine(measurements: unknown): string {
  if (typeof measurements !== 'object' || measurements === null) return '';
  const m = measurements as Record<string, unknown>;
  const unit = textOf(m.unit);
  const lengths = ['height', 'width', 'depth'].map((d) => m[d]).filter((v): v is number => typeof v === 'number');
  const parts = lengths.length > 0 && unit ? [`${lengths.join(' x ')} ${unit}`] : [];
  if (typeof m.diameter === 'number' && unit) parts.push(`diameter ${m.diameter} ${unit}`);
  return parts.join(', ');
}

/**
 * "Painting, 'The Deluge', by J.M.W. Turner, c. 1805; oil on canvas; 1429 x 2356 mm. Inscribed 'JMW Turner'."
 * Undefined when the row gives neither a title nor the materials: a type alone describes no object.
 */
export function composedDescription(record: Record_): string | undefined {
  const type = textOf(record.objectType);
  const title = textOf(record.title);
  const materials = [...listOf(record.materials), ...listOf(record.techniques)];
  if (!type || (!title && materials.length === 0)) return undefined;
  // "date not known", "n.d.": said of the record, not of the object.
  const date = /not known|unknown|^n\.?\s?d\.?$|inconnu|unbekannt|desconocid|sconosciut/i.test(textOf(record.dateOrPeriod)) ? '' : textOf(record.dateOrPeriod);
  const head = [type.charAt(0).toUpperCase() + type.slice(1), title && `"${title}"`, textOf(record.maker) && `by ${textOf(record.maker)}`, date]
    .filter(Boolean)
    .join(', ');
  const inscriptions = Array.isArray(record.inscriptions) ? record.inscriptions.map((i) => textOf((i as Record_)?.text)).filter(Boolean) : [];
  const sentences = [
    [head, materials.join(', '), sizeLine(record.measurements), textOf(record.culture)].filter(Boolean).join('; '),
    textOf(record.subject) && `Subject: ${textOf(record.subject)}`,
    inscriptions.length > 0 && `Inscribed "${inscriptions.join('", "')}"`,
    textOf(record.distinguishingFeatures),
  ].filter(Boolean);
  return `${sentences.join('. ')}.`.slice(0, 5000);
}
