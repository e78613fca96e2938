// Dates known to the year, the month or the day (YYYY, YYYY-MM, YYYY-MM-DD), written for the reader's language.
import { useMemo } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n.ts';

export function usePartialDate(): (value: string) => string {
  const { locale } = useI18n();
  return useMemo(() => {
    // In UTC: the date is a calendar day, not an instant, and must not move with the reader's time zone.
    const month = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' });
    const day = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
    return (value) => {
      if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return day.format(new Date(`${value}T00:00:00Z`));
      if (/^\d{4}-\d{2}$/.test(value)) return month.format(new Date(`${value}-01T00:00:00Z`));
      return value;
    };
  }, [locale]);
}
