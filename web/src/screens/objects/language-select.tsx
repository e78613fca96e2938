// Chooses a language (BCP 47) among the common ones, named in the console's language; a value outside them is kept.
import { commonLanguages, useNamed, useNames } from './names.ts';

/** The id and descriptions come from Field. */
type Props = {
  id?: string;
  'aria-describedby'?: string;
  'aria-invalid'?: 'true';
  value: string;
  onChange: (code: string) => void;
  /** What the empty choice says; without it a language must be chosen. */
  emptyLabel?: string;
};

export function LanguageSelect({ value, onChange, emptyLabel, ...rest }: Props) {
  const names = useNames();
  const languages = useNamed(value && !commonLanguages.includes(value) ? [...commonLanguages, value] : commonLanguages, names.language);
  return (
    <select {...rest} value={value} onChange={(event) => onChange(event.currentTarget.value)}>
      {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
      {languages.map((language) => (
        <option key={language.code} value={language.code}>
          {language.name}
        </option>
      ))}
    </select>
  );
}
