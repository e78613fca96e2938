// Switches the console's language at once; the choice is remembered in this browser.
import { isLocale, locales, useI18n } from '../i18n/i18n.ts';

// Each language named in itself, so that someone who cannot read the current one still finds theirs.
const names: Record<(typeof locales)[number], string> = { en: 'English', fr: 'Français', es: 'Español', ar: 'العربية' };

export function LanguagePicker() {
  const { t, locale, setLocale } = useI18n();
  return (
    <label class="language-picker">
      <span class="visually-hidden">{t('shell.language')}</span>
      <select value={locale} onChange={(event) => isLocale(event.currentTarget.value) && setLocale(event.currentTarget.value)}>
        {locales.map((code) => (
          <option key={code} value={code} lang={code}>
            {names[code]}
          </option>
        ))}
      </select>
    </label>
  );
}
