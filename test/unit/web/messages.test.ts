// Every message part of the console exists in every language, with the same keys and placeholders as English.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = resolve(import.meta.dirname, '../../../web/src/i18n/messages');
const locales = ['en', 'fr', 'es', 'ar'];
const parts = [...new Set(readdirSync(dir).map((file) => file.split('.')[0]!))];
const read = (part: string, locale: string) => JSON.parse(readFileSync(join(dir, `${part}.${locale}.json`), 'utf8')) as Record<string, string>;
// A plural message ("one|other", or Arabic's six forms) may leave the count out of a form ("تطابقان": two matches).
const placeholders = (message: string) =>
  [...new Set([...message.matchAll(/\{(\w+)\}/g)].map((found) => found[1]!))].filter((name) => !(message.includes('|') && name === 'count')).sort();

describe.each(parts)('the %s messages', (part) => {
  const english = read(part, 'en');

  it.each(locales.filter((locale) => locale !== 'en'))('in %s have exactly the English keys, each translated with the same placeholders', (locale) => {
    // Act
    const translated = read(part, locale);
    // Assert
    expect(Object.keys(translated).sort()).toEqual(Object.keys(english).sort());
    for (const [key, message] of Object.entries(translated)) {
      expect(message.trim(), `${locale} ${key}`).not.toBe('');
      expect(placeholders(message), `${locale} ${key}`).toEqual(placeholders(english[key]!));
    }
  });
});

it('gives each key to one part only: the parts are merged into one table per language', () => {
  // Arrange
  const owners = new Map<string, string[]>();
  for (const part of parts) for (const key of Object.keys(read(part, 'en'))) owners.set(key, [...(owners.get(key) ?? []), part]);
  // Act
  const shared = [...owners].filter(([, inParts]) => inParts.length > 1);
  // Assert
  expect(shared).toEqual([]);
});
