// Each field of a record in words, one line per part: what the record shows and what a conflict compares.
import type { ObjectView } from '../../../../schemas/object.ts';
import { useI18n } from '../../i18n/i18n.ts';
import { useCountryName } from '../search/countries.ts';
import type { DescriptiveField } from './draft.ts';
import { useNames } from './names.ts';
import { usePartialDate } from './partial-date.ts';

type ObjectRecord = Omit<ObjectView, 'images'>;

export function useDescribe(): (field: DescriptiveField, object: ObjectRecord) => string[] {
  const { t, number } = useI18n();
  const country = useCountryName();
  const names = useNames();
  const partialDate = usePartialDate();
  const joined = (...parts: (string | undefined)[]) => parts.filter(Boolean).join(' · ');

  return (field, object) => {
    switch (field) {
      case 'materials':
      case 'techniques':
        return object[field]?.length ? [object[field].join(', ')] : [];
      case 'measurements': {
        const m = object.measurements;
        if (!m) return [];
        const lengths = (['height', 'width', 'depth', 'diameter'] as const).flatMap((name) =>
          m[name] === undefined ? [] : [t(`measure.${name}Is`, { value: number(m[name]), unit: m.unit ?? '' })],
        );
        return [...lengths, ...(m.weight === undefined ? [] : [t('measure.weightIs', { value: number(m.weight), unit: m.weightUnit ?? '' })])];
      }
      case 'inscriptions':
        return (object.inscriptions ?? []).map((i) =>
          joined(
            `“${i.text}”`,
            i.location,
            i.script && t('inscription.scriptIs', { script: names.script(i.script) }),
            i.language && t('inscription.languageIs', { language: names.language(i.language) }),
          ),
        );
      case 'markings':
        return (object.markings ?? []).map((m) => joined(t(`marking.${m.kind}`), `“${m.text}”`, m.location));
      case 'lang':
        return [names.language(object.lang)];
      case 'incident': {
        const i = object.incident;
        return i ? [joined(i.date && partialDate(i.date), country(i.country), i.place), ...(i.circumstances ? [i.circumstances] : [])] : [];
      }
      case 'visibility':
        return [t(`visibility.${object.visibility}`)];
      case 'contact': {
        const c = object.contact;
        return c ? [joined(c.name, c.email, c.phone)] : [];
      }
      default: {
        const value = object[field];
        return value ? [value] : [];
      }
    }
  };
}
