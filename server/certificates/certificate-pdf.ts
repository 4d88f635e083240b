import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { visualRuns, type VisualRun } from './bidi-runs.js';
import { certificateFonts, type FontWeight } from './certificate-fonts.js';

/** Everything printed on a certificate, already translated into the page's language. */
export interface CertificatePage {
  lang: string;
  direction: 'ltr' | 'rtl';
  programme: string;
  heading: string;
  certifies: string;
  learnerName: string;
  completed: string;
  courseTitle: string;
  details: string;
  codeLine: string;
  verifyUrl: string;
  verifyHint: string;
}

const A4_LANDSCAPE = { width: 841.89, height: 595.28 };
const BRAND = '#0b4f8a';
const INK = '#1b1f24';
const MUTED = '#4a5561';
/**
 * Without explicit features pdfkit lays text out word by word (through a cache), which breaks the
 * order of a right-to-left run; with them it shapes the whole run at once, uncached. The shaper's
 * own features (Arabic joining forms, ligatures) are applied either way.
 */
const layoutOf = (r: VisualRun) =>
  r.rtl || r.font === 'arabic' ? { features: ['kern', 'liga'] as PDFKit.Mixins.OpenTypeFeatures[] } : {};

/** A4 landscape certificate. Text goes through visualRuns so Arabic reads right to left with joined letters. */
export async function renderCertificatePdf(page: CertificatePage): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    lang: page.lang,
    displayTitle: true,
    info: { Title: `${page.heading}: ${page.courseTitle}`, Author: page.programme, Subject: page.codeLine },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  for (const [name, font] of Object.entries(certificateFonts())) doc.registerFont(name, font as never);
  const { width: W, height: H } = A4_LANDSCAPE;
  doc
    .lineWidth(3)
    .strokeColor(BRAND)
    .rect(24, 24, W - 48, H - 48)
    .stroke();
  doc
    .lineWidth(0.8)
    .rect(32, 32, W - 64, H - 64)
    .stroke();

  const line = (text: string, y: number, size: number, weight: FontWeight = 'regular', color = INK) =>
    centred(doc, text, y, size, weight, color, page.direction, W - 160);
  let y = 70;
  y = line(page.programme.toUpperCase(), y, 13, 'bold', BRAND) + 18;
  y = line(page.heading, y, 34, 'bold', BRAND) + 22;
  y = line(page.certifies, y, 15, 'regular', MUTED) + 10;
  y = line(page.learnerName, y, 30, 'bold') + 12;
  y = line(page.completed, y, 15, 'regular', MUTED) + 10;
  y = line(page.courseTitle, y, 22, 'bold') + 14;
  line(page.details, y, 14, 'regular', INK);

  // The QR code sits at the inline end of the foot, the code and link beside it.
  const qrSize = 96;
  const qrX = page.direction === 'rtl' ? 64 : W - 64 - qrSize;
  const qrY = H - 64 - qrSize;
  drawQr(doc, page.verifyUrl, qrX, qrY, qrSize);
  const textWidth = W - 160 - qrSize - 40;
  const textX = page.direction === 'rtl' ? qrX + qrSize + 24 : 80;
  const align = page.direction === 'rtl' ? 'right' : 'left';
  let fy = qrY + 14;
  fy = placed(doc, page.codeLine, textX, fy, textWidth, 13, 'bold', INK, page.direction, align) + 6;
  fy = placed(doc, page.verifyHint, textX, fy, textWidth, 11, 'regular', MUTED, page.direction, align) + 4;
  placed(doc, page.verifyUrl, textX, fy, textWidth, 11, 'regular', BRAND, 'ltr', align);

  doc.end();
  return done;
}

type Doc = InstanceType<typeof PDFDocument>;

/** Centres one paragraph, wrapped at word boundaries; returns the y below it. */
function centred(
  doc: Doc,
  text: string,
  y: number,
  size: number,
  weight: FontWeight,
  color: string,
  dir: 'ltr' | 'rtl',
  maxWidth: number,
): number {
  for (const l of wrap(doc, text, size, weight, dir, maxWidth)) {
    const w = runWidth(doc, l, size, weight, dir);
    y = drawLine(doc, l, (A4_LANDSCAPE.width - w) / 2, y, size, weight, color, dir);
  }
  return y;
}

function placed(
  doc: Doc,
  text: string,
  x: number,
  y: number,
  width: number,
  size: number,
  weight: FontWeight,
  color: string,
  dir: 'ltr' | 'rtl',
  align: 'left' | 'right',
): number {
  for (const l of wrap(doc, text, size, weight, dir, width)) {
    const w = runWidth(doc, l, size, weight, dir);
    y = drawLine(doc, l, align === 'right' ? x + width - w : x, y, size, weight, color, dir);
  }
  return y;
}

function wrap(
  doc: Doc,
  text: string,
  size: number,
  weight: FontWeight,
  dir: 'ltr' | 'rtl',
  maxWidth: number,
): string[] {
  if (runWidth(doc, text, size, weight, dir) <= maxWidth) return [text];
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = current ? `${current} ${word}` : word;
    if (current && runWidth(doc, candidate, size, weight, dir) > maxWidth) {
      lines.push(current);
      current = word;
    } else current = candidate;
  }
  if (current) lines.push(current);
  return lines;
}

// Shaping a right-to-left run is the costly step, and each line is measured before it is drawn.
const widths = new WeakMap<Doc, Map<string, number>>();
function widthOf(doc: Doc, r: VisualRun, size: number, weight: FontWeight): number {
  const cache = widths.get(doc) ?? widths.set(doc, new Map()).get(doc)!;
  const key = `${r.font}|${weight}|${size}|${r.rtl}|${r.text}`;
  let w = cache.get(key);
  if (w === undefined)
    cache.set(key, (w = doc.font(`${r.font}-${weight}`).fontSize(size).widthOfString(r.text, layoutOf(r))));
  return w;
}

function runWidth(doc: Doc, text: string, size: number, weight: FontWeight, dir: 'ltr' | 'rtl'): number {
  return visualRuns(text, dir).reduce((sum, r) => sum + widthOf(doc, r, size, weight), 0);
}

function drawLine(
  doc: Doc,
  text: string,
  x: number,
  y: number,
  size: number,
  weight: FontWeight,
  color: string,
  dir: 'ltr' | 'rtl',
): number {
  let cx = x;
  for (const r of visualRuns(text, dir)) {
    doc
      .font(`${r.font}-${weight}`)
      .fontSize(size)
      .fillColor(color)
      .text(r.text, cx, y + size, { ...layoutOf(r), lineBreak: false, baseline: 'alphabetic' });
    cx += widthOf(doc, r, size, weight);
  }
  return y + size * 1.45;
}

/** Vector QR modules: crisp at any zoom, and cheaper than embedding a bitmap. */
function drawQr(doc: Doc, url: string, x: number, y: number, size: number) {
  const qr = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const cell = size / n;
  doc.fillColor('#000');
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++)
      if (qr.modules.get(row, col)) doc.rect(x + col * cell, y + row * cell, cell, cell);
  }
  doc.fill();
}
