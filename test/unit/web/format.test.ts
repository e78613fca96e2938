// Messages filled for the reader's language: placeholders, numbers and plural forms.
import { describe, expect, it } from 'vitest';
import { format } from '../../../web/src/i18n/format.ts';

describe('format', () => {
  it('fills placeholders and formats numbers for the locale', () => {
    expect(format('fr', '{count} objets sur {total}', { count: 1200, total: 'le registre' })).toBe('1\u202f200 objets sur le registre');
  });

  it('picks the plural form of the locale from one|other', () => {
    expect(format('en', '{count} match|{count} matches', { count: 1 })).toBe('1 match');
    expect(format('en', '{count} match|{count} matches', { count: 3 })).toBe('3 matches');
    expect(format('fr', '{count} correspondance|{count} correspondances', { count: 0 })).toBe('0 correspondance');
  });

  it('gives Arabic its six plural forms', () => {
    const message = 'لا تطابقات|تطابق واحد|تطابقان|{count} تطابقات|{count} تطابقًا|{count} تطابق';
    expect(format('ar', message, { count: 0 })).toBe('لا تطابقات');
    expect(format('ar', message, { count: 2 })).toBe('تطابقان');
    const arabic = new Intl.NumberFormat('ar');
    expect(format('ar', message, { count: 5 })).toBe(`${arabic.format(5)} تطابقات`);
    expect(format('ar', message, { count: 11 })).toBe(`${arabic.format(11)} تطابقًا`);
  });

  it('leaves a placeholder with no value as written, so that a missing parameter shows', () => {
    expect(format('en', 'Seen in {country}', {})).toBe('Seen in {country}');
  });
});
