// The countries of ISO 3166-1 as the browser's CLDR knows them, named and sorted in the console's language.
import { useMemo } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n.ts';

// The same test as the API's CountryCode (schemas/primitives.ts, which needs zod and so stays out of the browser):
// every assigned code has a CLDR name; these few named codes are groupings or private use, not countries.
const notCountries = new Set(['EU', 'EZ', 'UN', 'ZZ', 'QO', 'XA', 'XB']);
const letters = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];

let known: string[] | undefined;
function countryCodes(): string[] {
  if (!known) {
    const english = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
    known = letters.flatMap((a) => letters.map((b) => a + b)).filter((code) => !notCountries.has(code) && english.of(code) !== undefined);
  }
  return known;
}

export interface Country {
  code: string;
  name: string;
}

/** Every country with its name in the UI language, in that language's alphabetical order. */
export function useCountries(): Country[] {
  const { locale } = useI18n();
  return useMemo(() => {
    const names = new Intl.DisplayNames([locale], { type: 'region' });
    const collator = new Intl.Collator(locale);
    return countryCodes()
      .map((code) => ({ code, name: names.of(code) ?? code }))
      .sort((a, b) => collator.compare(a.name, b.name));
  }, [locale]);
}

/** Names one country code in the UI language. */
export function useCountryName(): (code: string) => string {
  const { locale } = useI18n();
  return useMemo(() => {
    const names = new Intl.DisplayNames([locale], { type: 'region' });
    return (code: string) => {
      try {
        return names.of(code) ?? code;
      } catch {
        return code;
      }
    };
  }, [locale]);
}
