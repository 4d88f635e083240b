import { crc32, deflateSync } from 'node:zlib';

/** PNG file structure (ISO/IEC 15948): signature, then chunks of length, type, data and CRC-32. */
export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
export const OB_KEYWORD = 'openbadgecredential';

export interface PngChunk {
  type: string;
  data: Buffer;
  crcOk: boolean;
}

export function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** Every chunk in order, each with whether its CRC matches; throws on a file that is not a PNG. */
export function readChunks(png: Buffer): PngChunk[] {
  if (png.length < 8 || !png.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG file');
  const chunks: PngChunk[] = [];
  let at = 8;
  while (at + 12 <= png.length) {
    const length = png.readUInt32BE(at);
    if (at + 12 + length > png.length) throw new Error('truncated PNG chunk');
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    const crcOk = png.readUInt32BE(at + 8 + length) === crc32(png.subarray(at + 4, at + 8 + length));
    chunks.push({ type, data, crcOk });
    at += 12 + length;
    if (type === 'IEND') break;
  }
  return chunks;
}

/** An 8-bit RGBA image, rows filtered with filter type 0. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type RGBA, deflate, adaptive filtering, no interlace
  const raw = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) raw.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * Open Badges 3.0 baking: one iTXt chunk, keyword "openbadgecredential", uncompressed, holding the
 * credential (here the compact JWS), placed before IEND. An earlier credential is replaced.
 */
export function bakeCredential(png: Buffer, credential: string): Buffer {
  const kept = readChunks(png).filter((c) => !(c.type === 'iTXt' && itxtKeyword(c.data) === OB_KEYWORD));
  const itxt = Buffer.concat([
    Buffer.from(OB_KEYWORD, 'latin1'),
    Buffer.from([0, 0, 0, 0, 0]),
    Buffer.from(credential, 'utf8'),
  ]);
  const out: Buffer[] = [PNG_SIGNATURE];
  for (const c of kept) {
    if (c.type === 'IEND') out.push(chunk('iTXt', itxt));
    out.push(chunk(c.type, Buffer.from(c.data)));
  }
  return Buffer.concat(out);
}

/** The baked credential, or null when the PNG carries none. */
export function extractCredential(png: Buffer): string | null {
  for (const c of readChunks(png)) {
    if (c.type !== 'iTXt' || itxtKeyword(c.data) !== OB_KEYWORD) continue;
    // keyword \0, compression flag, compression method, language tag \0, translated keyword \0, text
    let at = OB_KEYWORD.length + 3;
    at = c.data.indexOf(0, at) + 1;
    at = c.data.indexOf(0, at) + 1;
    return c.data[OB_KEYWORD.length + 1] === 0 ? c.data.subarray(at).toString('utf8') : null;
  }
  return null;
}

const itxtKeyword = (data: Buffer) => data.subarray(0, Math.max(0, data.indexOf(0))).toString('latin1');
