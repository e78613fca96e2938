// Chooses one country, or several as removable chips; countries are named in the UI language.
import { useI18n } from '../../i18n/i18n.ts';
import { useCountries, useCountryName } from './countries.ts';

interface SelectProps {
  value: string;
  onChange: (code: string) => void;
  /** What the empty choice says, e.g. "Any country"; without it a country must be chosen. */
  emptyLabel?: string;
  required?: boolean;
  // What Field gives its control.
  id?: string;
  'aria-describedby'?: string | undefined;
  'aria-invalid'?: 'true' | undefined;
  'aria-required'?: 'true';
}

/** A select of every country; Field gives it its id and description. */
export function CountrySelect({ value, onChange, emptyLabel, ...rest }: SelectProps) {
  const countries = useCountries();
  return (
    <select required={emptyLabel === undefined} {...rest} value={value} onChange={(event) => onChange(event.currentTarget.value)}>
      {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
      {countries.map((country) => (
        <option key={country.code} value={country.code}>
          {country.name}
        </option>
      ))}
    </select>
  );
}

interface ListProps {
  legend: string;
  help?: string;
  error?: string | undefined;
  value: string[];
  onChange: (codes: string[]) => void;
}

/** Several countries: each chosen one is a chip that a button removes; a select adds more. */
export function CountryList({ legend, help, error, value, onChange }: ListProps) {
  const { t } = useI18n();
  const nameOf = useCountryName();
  return (
    <fieldset class={error ? 'country-list has-error' : 'country-list'}>
      <legend>{legend}</legend>
      {help && <p class="help">{help}</p>}
      {value.length > 0 && (
        <ul class="chips">
          {value.map((code) => (
            <li key={code} class="chip">
              <span>
                {nameOf(code)} <span class="code">({code})</span>
              </span>
              <button type="button" class="link-button" aria-label={t('country.remove', { country: nameOf(code) })} onClick={() => onChange(value.filter((other) => other !== code))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <label class="field">
        <span>{t('country.add')}</span>
        <CountrySelect
          value=""
          emptyLabel={t('country.choose')}
          onChange={(code) => code && !value.includes(code) && onChange([...value, code])}
        />
      </label>
      {error && <p class="field-error">{error}</p>}
    </fieldset>
  );
}
