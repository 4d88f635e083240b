import { randomBytes } from 'node:crypto';
import { BadRequestError } from '../errors.js';

/** multipart/mixed as xAPI 1.0.3 Data 2.4.11 uses it: parsed and built by hand (it is small and exact). */

export interface Part {
  headers: Record<string, string>;
  body: Buffer;
}

const bad = (msg: string) => new BadRequestError('invalid_multipart', msg);

export function boundaryOf(contentType: string): string {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!m) throw bad('multipart/mixed needs a boundary.');
  return m[1] ?? m[2] ?? '';
}

export function parseMultipart(body: Buffer, boundary: string): Part[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw bad('The body does not contain the boundary.');
  while (true) {
    pos += delimiter.length;
    if (body.subarray(pos, pos + 2).toString() === '--') break;
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), pos);
    if (next < 0) throw bad('A part is not terminated by the boundary.');
    const chunk = body.subarray(pos, next);
    const start = chunk.subarray(0, 2).toString() === '\r\n' ? 2 : 0;
    const headerEnd = chunk.indexOf('\r\n\r\n', start);
    const headerText =
      headerEnd < 0 ? chunk.subarray(start).toString('utf8') : chunk.subarray(start, headerEnd).toString('utf8');
    const headers: Record<string, string> = {};
    for (const line of headerText.split('\r\n')) {
      const i = line.indexOf(':');
      if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
    }
    parts.push({ headers, body: headerEnd < 0 ? Buffer.alloc(0) : chunk.subarray(headerEnd + 4) });
    pos = next + 2;
  }
  return parts;
}

export function buildMultipart(parts: Part[]): { contentType: string; body: Buffer } {
  const boundary = `xapi-${randomBytes(12).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const head = Object.entries(p.headers)
      .map(([k, v]) => `${k}: ${v}`)
      .join('\r\n');
    chunks.push(Buffer.from(`--${boundary}\r\n${head}\r\n\r\n`), p.body, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--`));
  return { contentType: `multipart/mixed; boundary=${boundary}`, body: Buffer.concat(chunks) };
}
