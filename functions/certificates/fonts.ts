// Writes any text with the fonts of font-files.ts: splits it into runs of one font each, loading and embedding (as a
// subset) only the font files its characters need, after the document's own standard font.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import {
  beginText,
  endText,
  PDFHexString,
  PDFName,
  PDFOperator,
  PDFOperatorNames,
  popGraphicsState,
  pushGraphicsState,
  setFillingColor,
  setFontAndSize,
  setTextMatrix,
  showText,
  type PDFDocument,
  type PDFFont,
  type PDFPage,
  type RGB,
} from 'pdf-lib';
import { fontFamilies } from './font-files.ts';
import { sfntOf } from './woff.ts';

// Resolved as Node resolves packages: from node_modules beside the bundle in AWS, the repository's locally.
const packages = createRequire(import.meta.url);

interface FontFile {
  path: string;
  /** Inclusive ranges of code points, from the package's unicode.json ("U+0370-03FF,U+1F00"). */
  ranges: [number, number][];
}

function parseRanges(list: string): [number, number][] {
  return list.split(',').map((part) => {
    const [from = '0', to = from] = part.trim().replace(/^U\+/i, '').split('-');
    return [Number.parseInt(from, 16), Number.parseInt(to, 16)];
  });
}

let files: Promise<FontFile[]> | undefined;

/** Every font file, in the order they are tried, with the characters each covers. */
function fontFiles(): Promise<FontFile[]> {
  files ??= Promise.all(
    fontFamilies.map(async (family) => {
      const unicode = JSON.parse(await readFile(packages.resolve(`${family.package}/unicode.json`), 'utf8')) as Record<string, string>;
      return Object.entries(unicode)
        .filter(([range]) => !family.ranges || family.ranges.includes(range))
        .map(([range, list]) => ({ path: packages.resolve(`${family.package}/${family.fileOf(range)}`), ranges: parseRanges(list) }));
    }),
  ).then((perFamily) => perFamily.flat());
  return files;
}

// Read and inflated once per container; each document still embeds its own subset.
const bytesOf = new Map<string, Promise<Buffer>>();
const read = (path: string) => {
  let bytes = bytesOf.get(path);
  if (!bytes) bytesOf.set(path, (bytes = readFile(path).then(sfntOf)));
  return bytes;
};

export interface Run {
  text: string;
  font: PDFFont;
}

type Fontkit = typeof import('@pdf-lib/fontkit');
type Face = ReturnType<Fontkit['create']>;

// Loaded on the first text that needs it: reading fontkit takes about a second, which a certificate in Latin script,
// or a request for its JSON, does not wait for.
let fontkit: Promise<Fontkit> | undefined;
// A CommonJS module: Node hands its exports over as the default export.
const loadFontkit = () => (fontkit ??= import('@pdf-lib/fontkit').then((module) => (module as Fontkit & { default: Fontkit }).default));

const escape = (codePoint: number) => `<U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}>`;

/**
 * The fonts of one document. `prepare` embeds what a text needs (async: it reads files); `runs` then splits it, and
 * `width` and `draw` set each run. A character no font has is written as <U+XXXX> in the standard font, so that
 * nothing is dropped silently.
 */
export function fontChain(pdf: PDFDocument, standard: PDFFont) {
  const embedded = new Map<string, PDFFont>();
  const faces = new Map<PDFFont, Face>();
  const charSets = new Map<PDFFont, Set<number>>();
  const has = (font: PDFFont, codePoint: number) => {
    let set = charSets.get(font);
    if (!set) charSets.set(font, (set = new Set(font.getCharacterSet())));
    return set.has(codePoint);
  };
  const fontFor = (codePoint: number): PDFFont | undefined =>
    has(standard, codePoint) ? standard : [...embedded.values()].find((font) => has(font, codePoint));
  // Lines are measured word by word as they wrap: each run is shaped once.
  const layouts = new Map<string, ReturnType<Face['layout']>>();
  /** The shaped glyphs of an embedded font's run, in drawing order (right to left reversed), with their positions. */
  const shaped = (run: Run, size: number) => {
    const face = faces.get(run.font);
    if (!face) return undefined;
    const key = `${run.font.name}\n${run.text}`;
    let layout = layouts.get(key);
    if (!layout) layouts.set(key, (layout = face.layout(run.text)));
    return { glyphs: layout.glyphs, positions: layout.positions, scale: size / face.unitsPerEm };
  };

  return {
    async prepare(text: string): Promise<void> {
      for (const char of text) {
        const codePoint = char.codePointAt(0) ?? 0;
        if (fontFor(codePoint)) continue;
        for (const file of await fontFiles()) {
          if (embedded.has(file.path) || !file.ranges.some(([from, to]) => codePoint >= from && codePoint <= to)) continue;
          const [bytes, engine] = await Promise.all([read(file.path), loadFontkit()]);
          pdf.registerFontkit(engine);
          const font = await pdf.embedFont(bytes, { subset: true });
          embedded.set(file.path, font);
          faces.set(font, engine.create(bytes));
          if (has(font, codePoint)) break;
        }
      }
    },

    /** The text in runs of one font each; a space stays in the run it is in, so an Arabic phrase is shaped whole. */
    runs(text: string): Run[] {
      const runs: Run[] = [];
      for (const char of text) {
        const codePoint = char.codePointAt(0) ?? 0;
        const last = runs.at(-1);
        const font = /\s/.test(char) && last && has(last.font, codePoint) ? last.font : fontFor(codePoint);
        const piece = font ? char : escape(codePoint);
        if (last && last.font === (font ?? standard)) last.text += piece;
        else runs.push({ text: piece, font: font ?? standard });
      }
      return runs;
    },

    width(run: Run, size: number): number {
      const layout = shaped(run, size);
      if (!layout) return run.font.widthOfTextAtSize(run.text, size);
      return layout.positions.reduce((sum, position) => sum + position.xAdvance, 0) * layout.scale;
    },

    /**
     * Draws the run with its left end at (x, y). An embedded font's glyphs are placed one by one where the font puts
     * them: pdf-lib's drawText advances by widths only, which leaves an Arabic letter's dots (marks the font
     * positions) beside it. The run's text goes with it as ActualText, so that it is copied and searched as written
     * although its glyphs are shaped, reordered and shared between letters.
     */
    draw(page: PDFPage, run: Run, x: number, y: number, size: number, color: RGB): void {
      const layout = shaped(run, size);
      if (!layout) {
        page.drawText(run.text, { x, y, size, font: run.font, color });
        return;
      }
      // Embeds the glyphs in the subset; four hex digits per glyph, in the order of the same layout.
      const ids = run.font.encodeText(run.text).asString().match(/.{4}/g) ?? [];
      if (ids.length !== layout.glyphs.length) throw new Error(`${run.font.name} encoded ${ids.length} glyphs of ${layout.glyphs.length}`);
      // An inline property dictionary is valid PDF (BDC); pdf-lib writes any object but types operands more narrowly.
      const properties = page.doc.context.obj({ ActualText: PDFHexString.fromText(run.text) }) as unknown as PDFName;
      const span = PDFOperator.of(PDFOperatorNames.BeginMarkedContentSequence, [PDFName.of('Span'), properties]);
      const operators = [pushGraphicsState(), span, setFillingColor(color), beginText(), setFontAndSize(page.node.newFontDictionary(run.font.name, run.font.ref), size)];
      let pen = x;
      layout.positions.forEach((position, n) => {
        operators.push(setTextMatrix(1, 0, 0, 1, pen + position.xOffset * layout.scale, y + position.yOffset * layout.scale), showText(PDFHexString.of(ids[n] ?? '0000')));
        pen += position.xAdvance * layout.scale;
      });
      page.pushOperators(...operators, endText(), PDFOperator.of(PDFOperatorNames.EndMarkedContent), popGraphicsState());
    },
  };
}

export type FontChain = ReturnType<typeof fontChain>;
