// Lays a certificate out as a one-page PDF for people: the statement in plain words, then what a verifier needs.
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { Certificate } from '../../schemas/certificates.ts';
import { verificationUrl } from './issue.ts';

const pageSize: [number, number] = [595.28, 841.89]; // A4 in points
const margin = 50;
const maxQueryChars = 600;
const maxCandidates = 12;

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  mono: PDFFont;
}

/** The standard fonts cover Latin-1 only (no font file is bundled): other characters are written as <U+XXXX>. */
function printable(text: string, font: PDFFont): string {
  const known = new Set(font.getCharacterSet());
  return [...text.replace(/\s+/g, ' ')]
    .map((char) => {
      const code = char.codePointAt(0) ?? 0;
      return known.has(code) ? char : `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
    })
    .join('');
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    let next = line ? `${line} ${word}` : word;
    // A word wider than the line (a signature, a long escape run) is cut wherever it must be.
    while (font.widthOfTextAtSize(next, size) > width) {
      if (line) {
        lines.push(line);
        line = '';
        next = word;
        continue;
      }
      let cut = next.length - 1;
      while (cut > 1 && font.widthOfTextAtSize(next.slice(0, cut), size) > width) cut--;
      lines.push(next.slice(0, cut));
      next = next.slice(cut);
    }
    line = next;
  }
  if (line) lines.push(line);
  return lines;
}

function writer(page: PDFPage, fonts: Fonts) {
  let y = pageSize[1] - margin;
  const width = pageSize[0] - 2 * margin;
  return (text: string, options: { font?: PDFFont; size?: number; gap?: number } = {}) => {
    const font = options.font ?? fonts.regular;
    const size = options.size ?? 10;
    for (const line of wrap(printable(text, font), font, size, width)) {
      page.drawText(line, { x: margin, y, size, font, color: rgb(0.1, 0.1, 0.1) });
      y -= size * 1.35;
    }
    y -= options.gap ?? 4;
  };
}

function statement(certificate: Certificate): string {
  const { search, result } = certificate;
  const found =
    result.outcome === 'no-match'
      ? `No registered object matched at or above the alert threshold (${result.alertThreshold}).`
      : `At least one registered object matched at or above the alert threshold (${result.alertThreshold}): see the candidates below before any sale.`;
  return (
    `On ${search.at}, ${search.by.sub} of the organisation ${search.by.org} searched the registry of stolen and missing cultural objects ` +
    `at ${certificate.issuer}. ${search.registrySize} records were searchable at that moment. ${found}`
  );
}

export async function certificatePdf(certificate: Certificate): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Due-diligence certificate ${certificate.id}`);
  pdf.setCreationDate(new Date(certificate.issuedAt));
  const fonts: Fonts = {
    regular: await pdf.embedFont(StandardFonts.Helvetica),
    bold: await pdf.embedFont(StandardFonts.HelveticaBold),
    mono: await pdf.embedFont(StandardFonts.Courier),
  };
  const write = writer(pdf.addPage(pageSize), fonts);
  const { search, result } = certificate;
  const heading = (text: string) => write(text, { font: fonts.bold, size: 11, gap: 2 });

  write('Due-diligence certificate', { font: fonts.bold, size: 18, gap: 10 });
  write(statement(certificate), { size: 11, gap: 10 });

  heading('What was searched');
  const { text, lang, structured, photoSha256 } = search.query;
  if (text) write(`Text${lang ? ` (${lang})` : ''}: ${text.length > maxQueryChars ? `${text.slice(0, maxQueryChars)}… (in full in the signed certificate)` : text}`);
  if (structured) write(`Fields: ${JSON.stringify(structured)}`);
  if (photoSha256) write(`Photo, SHA-256: ${photoSha256}`);
  write(`Search ${search.id}, at ${search.at}; ${search.registrySize} records searchable`, { gap: 8 });

  heading('Result');
  if (result.candidates.length === 0) write('No candidates.');
  for (const candidate of result.candidates.slice(0, maxCandidates)) {
    write('restricted' in candidate ? '- A record the searcher may not read matches: contact the police.' : `- Object ${candidate.objectId}: score ${candidate.score} (${candidate.confidence})`, { gap: 1 });
  }
  if (result.candidates.length > maxCandidates) write(`… and ${result.candidates.length - maxCandidates} more in the signed certificate.`);
  for (const hit of result.redLists) write(`Fits the Red List "${hit.title}": ${hit.why}. Check the provenance.`, { gap: 1 });
  write('', { gap: 8 });

  heading('Verify it');
  write(`Certificate ${certificate.id}, issued ${certificate.issuedAt} by ${certificate.issuer}`);
  write(`Online: ${verificationUrl(certificate.issuer, certificate.id)}`);
  write(
    'Offline: the signed JSON (GET /v1/certificates/{id}) with the key of GET /v1/certificates/public-key; the JSON, not this page, is the record.',
    { gap: 8 },
  );
  heading(`Signature (${certificate.signature.alg}, key ${certificate.signature.keyId})`);
  write(certificate.signature.value, { font: fonts.mono, size: 8 });
  return pdf.save();
}
