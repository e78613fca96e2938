// Small validated building blocks shared by every record: language tags, country codes, dates, text.
import * as z from 'zod';

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

export const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

export const LanguageTag = z
  .string()
  .min(2)
  .max(35)
  .refine((tag) => {
    try {
      return Intl.getCanonicalLocales(tag).length === 1;
    } catch {
      return false;
    }
  }, 'must be a BCP 47 language tag such as "en", "el" or "fr-CA"')
  .meta({ description: 'BCP 47 language tag', examples: ['en', 'el', 'tr'] });

// CLDR knows every assigned ISO 3166-1 alpha-2 region; an unknown code has no display name.
// CLDR also names a few groupings and private-use codes that are not countries.
const notCountries = new Set(['EU', 'EZ', 'UN', 'ZZ', 'QO', 'XA', 'XB']);
export const CountryCode = z
  .string()
  .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code in capitals, such as "GR"')
  // Intl.DisplayNames throws a RangeError on anything that is not a region code, so only ask it about two capitals.
  .refine((code) => !/^[A-Z]{2}$/.test(code) || (!notCountries.has(code) && regionNames.of(code) !== undefined), 'is not an ISO 3166-1 country code')
  .meta({ description: 'ISO 3166-1 alpha-2 country code', examples: ['GR', 'IT', 'FR'] });

// Date.parse accepts "2019-02-30" (it rolls over to March), so a full date must survive the round trip.
const isCalendarDay = (value: string) => {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
};

// Losses are often dated only to a year or a month: YYYY, YYYY-MM or YYYY-MM-DD.
export const PartialDate = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD')
  .refine((value) => !/^\d{4}-\d{2}-\d{2}$/.test(value) || isCalendarDay(value), 'is not a calendar date')
  .meta({ description: 'A date known to the year, month or day', examples: ['2019', '2019-03', '2019-03-14'] });

export const Timestamp = z.iso.datetime().meta({ description: 'ISO 8601 instant (UTC)' });

export const Id = z.uuid().meta({ description: 'Identifier assigned by the registry' });
