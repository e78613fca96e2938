// A moment as "5 minutes ago" in the UI language, with the full date and time beside it.
import { useI18n } from '../../i18n/i18n.ts';

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

export function RelativeTime({ at }: { at: string }) {
  const { locale, date } = useI18n();
  const seconds = (new Date(at).getTime() - Date.now()) / 1000;
  const [unit, size] = units.find(([, length]) => Math.abs(seconds) >= length) ?? ['second', 1];
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(Math.round(seconds / size), unit);
  return (
    <time dateTime={at} title={date(at)}>
      {relative} · {date(at)}
    </time>
  );
}
