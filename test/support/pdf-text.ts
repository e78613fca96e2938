// Reads a PDF back as a reader copying its text would: spans by their ActualText, other text through each font's
// ToUnicode map (embedded fonts) or as the single-byte codes of a standard font. Also lists the embedded font files.
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, type PDFPage } from 'pdf-lib';

const utf16 = (hex: string) => Buffer.from(hex.replace(/^FEFF/i, ''), 'hex').swap16().toString('utf16le');
const streamText = (stream: unknown) => (stream instanceof PDFRawStream ? Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1') : '');

interface PdfFont {
  /** Glyph code (four hex digits) to text, for an embedded font; undefined for a standard font. */
  toUnicode?: Map<string, string>;
  /** Bytes of the embedded font program. */
  programBytes: number;
}

function fontOf(dict: PDFDict): PdfFont {
  const toUnicode = dict.lookup(PDFName.of('ToUnicode'));
  if (!toUnicode) return { programBytes: 0 };
  const pairs = [...streamText(toUnicode).matchAll(/<([0-9a-fA-F]{4})> <([0-9a-fA-F]+)>/g)];
  const descendant = dict.lookup(PDFName.of('DescendantFonts'), PDFArray).lookup(0, PDFDict);
  const program = descendant.lookup(PDFName.of('FontDescriptor'), PDFDict).lookup(PDFName.of('FontFile2'));
  return {
    toUnicode: new Map(pairs.map(([, code, text]) => [code!.toUpperCase(), utf16(text!)])),
    programBytes: program instanceof PDFRawStream ? decodePDFRawStream(program).decode().length : 0,
  };
}

export interface PageText {
  text: string;
  /** Glyph codes shown in embedded fonts that are .notdef (code 0000): characters the font did not have. */
  notdefShown: number;
}

function pageText(doc: PDFDocument, page: PDFPage, fonts: Map<string, PdfFont>): PageText {
  const resources = page.node.Resources()?.lookup(PDFName.of('Font'), PDFDict);
  const contents = page.node.Contents();
  const content = contents instanceof PDFArray ? contents.asArray().map((ref) => streamText(doc.context.lookup(ref))).join('\n') : streamText(contents);
  let text = '';
  let notdefShown = 0;
  let font: PdfFont | undefined;
  let inSpan = false;
  for (const [token, actualText, fontKey, shown] of content.matchAll(/\/Span <<\s*\/ActualText <([0-9a-fA-F]*)>\s*>> BDC|EMC|\/(\S+) [\d.]+ Tf|<([0-9a-fA-F]*)> Tj/g)) {
    if (actualText !== undefined) {
      text += utf16(actualText);
      inSpan = true;
    } else if (token === 'EMC') {
      inSpan = false;
    } else if (fontKey !== undefined) {
      const ref = resources?.get(PDFName.of(fontKey));
      const key = ref instanceof PDFRef ? ref.toString() : fontKey;
      if (!fonts.has(key)) fonts.set(key, fontOf(doc.context.lookup(ref, PDFDict)));
      font = fonts.get(key);
    } else if (shown !== undefined && font) {
      const codes = font.toUnicode ? (shown.toUpperCase().match(/.{4}/g) ?? []) : [];
      notdefShown += codes.filter((code) => code === '0000').length;
      if (inSpan) continue;
      text += font.toUnicode ? codes.map((code) => font?.toUnicode?.get(code) ?? '').join('') : Buffer.from(shown, 'hex').toString('latin1');
    }
  }
  return { text, notdefShown };
}

export async function pdfText(bytes: Uint8Array): Promise<PageText & { embeddedFontBytes: number }> {
  const doc = await PDFDocument.load(bytes);
  const fonts = new Map<string, PdfFont>();
  const pages = doc.getPages().map((page) => pageText(doc, page, fonts));
  return {
    text: pages.map((page) => page.text).join('\n'),
    notdefShown: pages.reduce((sum, page) => sum + page.notdefShown, 0),
    embeddedFontBytes: [...fonts.values()].reduce((sum, font) => sum + font.programBytes, 0),
  };
}
