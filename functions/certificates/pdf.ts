// Lays a certificate out as a one-page PDF for people: the statement in plain words, then what a verifier needs.
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { Certificate } from '../../schemas/certificates.ts';
import { fontChain, type FontChain } from './fonts.ts';
import { verificationUrl } from './issue.ts';

const pageSize: [number, number] = [595.28, 841.89]; // A4 in points
const margin = 50;
const maxQueryChars = 600;
const maxCandidates = 12;
const ink = rgb(0.1, 0.1, 0.1);

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  mono: PDFFont;
}

function wrap(text: string, chain: FontChain, size: number, width: number): string[] {
  const fits = (line: string) => chain.runs(line).reduce((sum, run) => sum + chain.width(run, size), 0) <= width;
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    let next = line ? `${line} ${word}` : word;
    // A word wider than the line (a signature, a long run without spaces) is cut wherever it must be.
    while (!fits(next)) {
      if (line) {
        lines.push(line);
        line = '';
        next = word;
        continue;
      }
      const chars = [...next];
      let cut = chars.length - 1;
      while (cut > 1 && !fits(chars.slice(0, cut).join(''))) cut--;
      lines.push(chars.slice(0, cut).join(''));
      next = chars.slice(cut).join('');
    }
    line = next;
  }
  if (line) lines.push(line);
  return lines;
}

function writer(pdf: PDFDocument, page: PDFPage, fonts: Fonts) {
  let y = pageSize[1] - margin;
  const width = pageSize[0] - 2 * margin;
  const chains = new Map<PDFFont, FontChain>();
  const chainOf = (font: PDFFont) => {
    let chain = chains.get(font);
    if (!chain) chains.set(font, (chain = fontChain(pdf, font)));
    return chain;
  };
  return async (text: string, options: { font?: PDFFont; size?: number; gap?: number } = {}) => {
    const chain = chainOf(options.font ?? fonts.regular);
    const size = options.size ?? 10;
    const flat = text.replace(/\s+/g, ' ');
    await chain.prepare(flat);
    for (const line of wrap(flat, chain, size, width)) {
      let x = margin;
      // Runs go left to right in the order written; a right-to-left run is laid out right to left within itself.
      for (const run of chain.runs(line)) {
        chain.draw(page, run, x, y, size, ink);
        x += chain.width(run, size);
      }
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
  const write = writer(pdf, pdf.addPage(pageSize), fonts);
  const { search, result } = certificate;
  const heading = (text: string) => write(text, { font: fonts.bold, size: 11, gap: 2 });

  await write('Due-diligence certificate', { font: fonts.bold, size: 18, gap: 10 });
  await write(statement(certificate), { size: 11, gap: 10 });

  await heading('What was searched');
  const { text, lang, structured, photoSha256 } = search.query;
  if (text) await write(`Text${lang ? ` (${lang})` : ''}: ${text.length > maxQueryChars ? `${text.slice(0, maxQueryChars)}… (in full in the signed certificate)` : text}`);
  if (structured) await write(`Fields: ${JSON.stringify(structured)}`);
  if (photoSha256) await write(`Photo, SHA-256: ${photoSha256}`);
  await write(`Search ${search.id}, at ${search.at}; ${search.registrySize} records searchable`, { gap: 8 });

  await heading('Result');
  if (result.candidates.length === 0) await write('No candidates.');
  for (const candidate of result.candidates.slice(0, maxCandidates)) {
    await write('restricted' in candidate ? '- A record the searcher may not read matches: contact the police.' : `- Object ${candidate.objectId}: score ${candidate.score} (${candidate.confidence})`, { gap: 1 });
  }
  if (result.candidates.length > maxCandidates) await write(`… and ${result.candidates.length - maxCandidates} more in the signed certificate.`);
  for (const hit of result.redLists) await write(`Fits the Red List "${hit.title}": ${hit.why}. Check the provenance.`, { gap: 1 });
  await write('', { gap: 8 });

  await heading('Verify it');
  await write(`Certificate ${certificate.id}, issued ${certificate.issuedAt} by ${certificate.issuer}`);
  await write(`Online: ${verificationUrl(certificate.issuer, certificate.id)}`);
  await write(
    'Offline: the signed JSON (GET /v1/certificates/{id}) with the key of GET /v1/certificates/public-key; the JSON, not this page, is the record.',
    { gap: 8 },
  );
  await heading(`Signature (${certificate.signature.alg}, key ${certificate.signature.keyId})`);
  await write(certificate.signature.value, { font: fonts.mono, size: 8 });
  return pdf.save();
}
