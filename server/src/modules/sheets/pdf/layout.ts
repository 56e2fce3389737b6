/**
 * The frame of every printed report, laid out as a Vietnamese administrative document (Decree
 * 30/2020/NĐ-CP): the issuing body and the national motto side by side, the date line, a centred
 * title, the body, the signature block, and "Trang x/y" at the foot of every page; A4, in DejaVu
 * Serif (every Vietnamese glyph, embedded), written by pdfkit.
 */
import { readFileSync } from 'node:fs';
import type PDFKitModule from 'pdfkit';

// loaded on first use: pdfkit is a fifth of a second of every start, and only printed reports need it
let pdfkit: typeof PDFKitModule | null = null;
const PDFDocument = (): typeof PDFKitModule => (pdfkit ??= require('pdfkit') as typeof PDFKitModule);

export const PDF_TYPE = 'application/pdf';

/** What a printed report says of who issues it and where (config.report: REPORT_ISSUER, REPORT_PLACE). */
export interface ReportSettings {
  /** the issuing body's superior line, e.g. "ỦY BAN NHÂN DÂN TỈNH" */
  issuer: string;
  /** the place of the date line, e.g. "Hà Nội"; dots to fill in by hand when unset */
  place: string;
}

export const DEFAULT_REPORT: ReportSettings = { issuer: 'ỦY BAN NHÂN DÂN TỈNH', place: '……………' };

export type Doc = PDFKit.PDFDocument;
export type FontName = 'R' | 'B' | 'I';

const FONT_FILES: Record<FontName, string> = { R: 'DejaVuSerif.ttf', B: 'DejaVuSerif-Bold.ttf', I: 'DejaVuSerif-Italic.ttf' };
const fontCache = new Map<FontName, Buffer>();
/** The font's bytes, read once from the dejavu-fonts-ttf package. */
function fontBytes(name: FontName): Buffer {
  let bytes = fontCache.get(name);
  if (!bytes) {
    bytes = readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${FONT_FILES[name]}`));
    fontCache.set(name, bytes);
  }
  return bytes;
}

/** Margins of an administrative document: 20 mm top and bottom, 30 mm left, 15 mm right. */
const MM = 72 / 25.4;
const MARGINS = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };
/** the page number's line, inside the bottom margin */
const FOOTER_FROM_BOTTOM = 10 * MM;

export interface Report {
  doc: Doc;
  /** the left edge and width of the text block */
  left: number;
  width: number;
  /** numbers the pages, closes the document and returns its bytes */
  finish(): Promise<Buffer>;
}

/** A new A4 document with the report fonts registered and pages kept for numbering. */
export function newReport(title: string, subject: string): Report {
  const doc = new (PDFDocument())({
    size: 'A4',
    margins: MARGINS,
    bufferPages: true,
    font: fontBytes('R') as never,
    lang: 'vi-VN',
    displayTitle: true,
    info: { Title: title, Subject: subject, Creator: 'Chấm điểm', Producer: 'Chấm điểm (pdfkit)' },
  });
  for (const name of Object.keys(FONT_FILES) as FontName[]) doc.registerFont(name, fontBytes(name));
  doc.font('R');
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = MARGINS.left;
  const width = doc.page.width - MARGINS.left - MARGINS.right;
  return {
    doc,
    left,
    width,
    finish: () => {
      numberPages(doc, left, width);
      doc.end();
      return done;
    },
  };
}

/** The y below which nothing but the page number is written. */
export const bottomOf = (doc: Doc): number => doc.page.height - doc.page.margins.bottom;

/** Starts a new page when `height` does not fit below the cursor. */
export function ensureRoom(doc: Doc, height: number): void {
  if (doc.y + height > bottomOf(doc)) doc.addPage();
}

/** The largest size up to `max` at which `text` fits on one line of `width`. */
function fitSize(doc: Doc, text: string, font: FontName, width: number, max: number): number {
  doc.font(font).fontSize(max);
  const w = doc.widthOfString(text);
  return w <= width ? max : Math.floor(((max * width) / w) * 4) / 4;
}

/** A line of text centred in a column, then a rule under it when `rule` gives its width. */
function centred(doc: Doc, text: string, font: FontName, size: number, x: number, width: number, y: number, rule?: number): number {
  const fitted = fitSize(doc, text, font, width, size);
  doc.font(font).fontSize(fitted).text(text, x, y, { width, align: 'center', lineBreak: false });
  let bottom = y + doc.currentLineHeight(true);
  if (rule) {
    const w = Math.min(rule, width);
    doc.moveTo(x + (width - w) / 2, bottom + 1.5).lineTo(x + (width + w) / 2, bottom + 1.5).lineWidth(0.6).stroke();
    bottom += 4;
  }
  return bottom;
}

/**
 * The heading: on the left the issuing body (its superior in capitals, the body itself in bold
 * capitals, underlined); on the right the national motto; under the motto the date line in
 * italics. The cursor ends below them, at the left margin.
 */
export function nationalHeader(r: Report, body: string[], dateLine: string): void {
  const { doc, left, width } = r;
  const leftWidth = width * 0.4;
  const rightX = left + leftWidth;
  const rightWidth = width - leftWidth;
  const top = doc.page.margins.top;
  let y = top;
  body.forEach((line, i) => {
    const last = i === body.length - 1;
    // the marks of a capital (Ồ, Ẩ) need room below the line above
    y = centred(doc, line.toUpperCase(), last ? 'B' : 'R', 11.5, left, leftWidth - 6, y + (i ? 2 : 0), last ? leftWidth / 3 : undefined);
  });
  let ry = centred(doc, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'B', 11.5, rightX, rightWidth, top);
  doc.font('B').fontSize(12.5);
  ry = centred(doc, 'Độc lập - Tự do - Hạnh phúc', 'B', 12.5, rightX, rightWidth, ry + 2, doc.widthOfString('Độc lập - Tự do - Hạnh phúc'));
  ry = centred(doc, dateLine, 'I', 11.5, rightX, rightWidth, ry + 8);
  doc.x = left;
  doc.y = Math.max(y, ry) + 14;
}

/** The document's name in bold capitals and the lines that say what it covers, centred. */
export function reportTitle(r: Report, name: string, lines: string[]): void {
  const { doc, left, width } = r;
  doc.font('B').fontSize(13.5).text(name.toUpperCase(), left, doc.y, { width, align: 'center' });
  for (const line of lines) doc.font('B').fontSize(11.5).text(line, left, doc.y + 2, { width, align: 'center' });
  doc.x = left;
  doc.y += 10;
}

/** One side of the signature block. */
export interface SignatureColumn {
  /** bold lines at the top: "TM. HỘI ĐỒNG THẨM ĐỊNH", "CHỦ TỊCH" */
  heading: string[];
  /** the italic line under them */
  hint?: string;
  /** the signer's name, in bold after the space left for the signature; null leaves it blank */
  name?: string | null;
  /** small lines under the name (the signed finalization's details) */
  details?: string[];
  /** a list instead of a signature: lines written left-aligned (e.g. "Nơi nhận:") */
  list?: string[];
}

const SIGN_SPACE = 56;

function columnHeight(doc: Doc, c: SignatureColumn, width: number): number {
  if (c.list) {
    doc.font('R').fontSize(10);
    return c.list.reduce((h, l) => h + doc.heightOfString(l, { width }), 0);
  }
  let h = 0;
  doc.font('B').fontSize(11.5);
  for (const l of c.heading) h += doc.heightOfString(l, { width });
  if (c.hint) h += doc.font('I').fontSize(10.5).heightOfString(c.hint, { width });
  h += SIGN_SPACE;
  if (c.name) h += doc.font('B').fontSize(11.5).heightOfString(c.name, { width });
  doc.font('R').fontSize(8.5);
  for (const d of c.details ?? []) h += doc.heightOfString(d, { width });
  return h;
}

function drawColumn(doc: Doc, c: SignatureColumn, x: number, y: number, width: number): void {
  if (c.list) {
    c.list.forEach((l, i) => {
      doc.font(i === 0 ? 'B' : 'R').fontSize(i === 0 ? 10.5 : 10).text(l, x, i === 0 ? y : doc.y, { width });
    });
    return;
  }
  doc.font('B').fontSize(11.5).text(c.heading[0] ?? '', x, y, { width, align: 'center' });
  for (const l of c.heading.slice(1)) doc.text(l, x, doc.y, { width, align: 'center' });
  if (c.hint) doc.font('I').fontSize(10.5).text(c.hint, x, doc.y, { width, align: 'center' });
  doc.y += SIGN_SPACE;
  if (c.name) doc.font('B').fontSize(11.5).text(c.name, x, doc.y, { width, align: 'center' });
  for (const d of c.details ?? []) doc.font('R').fontSize(8.5).text(d, x, doc.y, { width, align: 'center' });
}

/** The signature block, kept whole on one page: `left` (often "Nơi nhận") and `right` side by side. */
export function signatureBlock(r: Report, left: SignatureColumn | null, right: SignatureColumn): void {
  const { doc } = r;
  const half = r.width / 2;
  const height = Math.max(left ? columnHeight(doc, left, half - 10) : 0, columnHeight(doc, right, half)) + 16;
  ensureRoom(doc, height);
  const y = doc.y + 16;
  if (left) drawColumn(doc, left, r.left, y, half - 10);
  drawColumn(doc, right, r.left + half, y, half);
  doc.x = r.left;
  doc.y = y + height;
}

/** "Trang x/y" centred at the foot of every page. */
function numberPages(doc: Doc, left: number, width: number): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing inside the margin must not open a page
    doc.font('R').fontSize(9).text(`Trang ${i - range.start + 1}/${range.count}`, left, doc.page.height - FOOTER_FROM_BOTTOM - 9, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}
