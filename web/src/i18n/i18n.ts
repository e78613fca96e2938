// The console's languages: messages from one file per language, locale-aware dates and numbers, and the text direction.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { format, type Params } from './format.ts';
import alerts from './messages/alerts.en.json';
import field from './messages/field.en.json';
import objects from './messages/objects.en.json';
import search from './messages/search.en.json';
import shell from './messages/shell.en.json';

export const locales = ['en', 'fr', 'es', 'ar'] as const;
export type Locale = (typeof locales)[number];
// Messages come in parts, one per area of the console (shell, objects, search, alerts, field), each in every language.
const en = { ...shell, ...objects, ...search, ...alerts, ...field };
export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;

const rightToLeft: ReadonlySet<Locale> = new Set(['ar']);
const storageKey = 'registry.locale';

// English ships in the first load; the others are fetched when chosen.
const otherParts = import.meta.glob<Partial<Messages>>(['./messages/*.json', '!./messages/*.en.json'], { import: 'default' });

export async function loadMessages(locale: Locale): Promise<Messages> {
  if (locale === 'en') return en;
  const parts = Object.entries(otherParts).filter(([file]) => file.endsWith(`.${locale}.json`));
  const loaded = await Promise.all(parts.map(([, load]) => load()));
  return Object.assign({}, en, ...loaded) as Messages;
}

export const isLocale = (value: unknown): value is Locale => locales.includes(value as Locale);

/** The remembered choice, else the browser's first language we have, else English. */
export function initialLocale(): Locale {
  const saved = localStorage.getItem(storageKey);
  if (isLocale(saved)) return saved;
  const preferred = navigator.languages.map((tag) => tag.slice(0, 2)).find(isLocale);
  return preferred ?? 'en';
}

export function rememberLocale(locale: Locale): void {
  localStorage.setItem(storageKey, locale);
  document.documentElement.lang = locale;
  document.documentElement.dir = direction(locale);
}

export const direction = (locale: Locale): 'rtl' | 'ltr' => (rightToLeft.has(locale) ? 'rtl' : 'ltr');

export interface I18n {
  locale: Locale;
  dir: 'rtl' | 'ltr';
  t(key: MessageKey, params?: Params): string;
  date(value: string | Date, style?: 'date' | 'dateTime'): string;
  number(value: number, options?: Intl.NumberFormatOptions): string;
  setLocale(locale: Locale): void;
}

export function makeI18n(locale: Locale, messages: Messages, setLocale: (locale: Locale) => void): I18n {
  const dates = {
    date: new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }),
    dateTime: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }),
  };
  return {
    locale,
    dir: direction(locale),
    t: (key, params) => format(locale, messages[key] ?? en[key], params),
    date: (value, style = 'dateTime') => dates[style].format(typeof value === 'string' ? new Date(value) : value),
    number: (value, options) => new Intl.NumberFormat(locale, options).format(value),
    setLocale,
  };
}

export const I18nContext = createContext<I18n>(makeI18n('en', en, () => undefined));
export const useI18n = () => useContext(I18nContext);
