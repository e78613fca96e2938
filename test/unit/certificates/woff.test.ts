// A WOFF file unwrapped by Node's zlib is the font fontkit reads from the WOFF itself, glyph for glyph.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { sfntOf } from '../../../functions/certificates/woff.ts';

const packages = createRequire(import.meta.url);

describe('sfntOf', () => {
  it.each(['@fontsource/noto-sans/files/noto-sans-greek-400-normal.woff', '@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-400-normal.woff'])(
    'gives the font of %s with the same glyphs, outlines and shaping',
    (file) => {
      // Arrange
      const woff = readFileSync(packages.resolve(file));
      const text = file.includes('arabic') ? 'بسم الله' : 'Ο ΑΓΙΟΣ';

      // Act
      const [wrapped, unwrapped] = [fontkit.create(woff), fontkit.create(sfntOf(woff))];

      // Assert
      expect(unwrapped.numGlyphs).toBe(wrapped.numGlyphs);
      expect(unwrapped.characterSet).toEqual(wrapped.characterSet);
      const paths = (font: typeof wrapped) => font.layout(text).glyphs.map((glyph) => glyph.path.toSVG());
      expect(paths(unwrapped)).toEqual(paths(wrapped));
    },
  );
});
