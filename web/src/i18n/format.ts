// Fills a message for the reader's language: placeholders, numbers and plural forms. Pure, so it is unit tested.

export type Params = Record<string, string | number>;

/** Fills {name} placeholders; a message with a {count} picks its plural form from "one|other" alternatives. */
export function format(locale: string, message: string, params: Params = {}): string {
  const plural = message.includes('|') && typeof params.count === 'number';
  const chosen = plural ? pluralForm(locale, message, params.count as number) : message;
  return chosen.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? new Intl.NumberFormat(locale).format(value) : value;
  });
}

// Forms in the order of Intl.PluralRules categories that the message gives: "one|other", or all six for Arabic.
const categoryOrder: Intl.LDMLPluralRule[] = ['zero', 'one', 'two', 'few', 'many', 'other'];
function pluralForm(locale: string, message: string, count: number): string {
  const forms = message.split('|');
  const rules = new Intl.PluralRules(locale);
  const used = forms.length === 2 ? (['one', 'other'] as const) : categoryOrder.slice(categoryOrder.length - forms.length);
  const index = used.indexOf(rules.select(count) as never);
  return forms[index >= 0 ? index : forms.length - 1] ?? message;
}
