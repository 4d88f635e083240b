import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { FontWeight } from '../pdf/pdf-fonts.js';
import { type Doc, paragraph, pdfBytes } from '../pdf/pdf-text.js';

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
  const done = pdfBytes(doc);

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
    paragraph(doc, text, { x: 80, y, width: W - 160 }, { size, weight, color }, page.direction, 'center');
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
  const box = (y: number) => ({ x: textX, y, width: textWidth });
  fy = paragraph(doc, page.codeLine, box(fy), { size: 13, weight: 'bold', color: INK }, page.direction, align) + 6;
  fy =
    paragraph(doc, page.verifyHint, box(fy), { size: 11, weight: 'regular', color: MUTED }, page.direction, align) + 4;
  paragraph(doc, page.verifyUrl, box(fy), { size: 11, weight: 'regular', color: BRAND }, 'ltr', align);

  doc.end();
  return done;
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
