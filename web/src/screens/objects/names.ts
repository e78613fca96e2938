// Languages and scripts named in the console's language, for the record's language and its inscriptions.
import { useMemo } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n.ts';

/** Languages records and inscriptions are most often written in (BCP 47); a record in another keeps its own. */
export const commonLanguages = ['ar', 'bg', 'cs', 'de', 'el', 'en', 'es', 'fa', 'fr', 'he', 'hi', 'hy', 'it', 'ja', 'ka', 'ko', 'la', 'nl', 'pl', 'pt', 'ro', 'ru', 'sq', 'sr', 'tr', 'uk', 'ur', 'zh'];

/** Common ISO 15924 scripts of inscriptions. */
export const commonScripts = ['Latn', 'Grek', 'Cyrl', 'Arab', 'Hebr', 'Armn', 'Geor', 'Deva', 'Hans', 'Hant', 'Jpan', 'Copt', 'Syrc', 'Ethi'];

type Namer = (code: string) => string;

function namer(locale: string, type: 'language' | 'script'): Namer {
  const names = new Intl.DisplayNames([locale], { type });
  return (code) => {
    try {
      return names.of(code) ?? code;
    } catch {
      return code;
    }
  };
}

export function useNames(): { language: Namer; script: Namer } {
  const { locale } = useI18n();
  return useMemo(() => ({ language: namer(locale, 'language'), script: namer(locale, 'script') }), [locale]);
}

/** Codes with their names, in the console language's alphabetical order. */
export function useNamed(codes: readonly string[], name: Namer): { code: string; name: string }[] {
  const { locale } = useI18n();
  return useMemo(() => {
    const collator = new Intl.Collator(locale);
    return codes.map((code) => ({ code, name: name(code) })).sort((a, b) => collator.compare(a.name, b.name));
  }, [codes, name, locale]);
}
