import { describe, expect, it } from 'vitest';
import { inflateSync } from 'node:zlib';
import { badgeImage } from '../../../server/certificates/badge-image.js';
import { bakeCredential, extractCredential, readChunks } from '../../../server/certificates/png-chunks.js';

describe('baked badge PNG', () => {
  it('carries the credential in an openbadgecredential iTXt chunk before IEND, with valid CRCs', () => {
    const baked = bakeCredential(badgeImage(), 'header.payload.signature');

    const chunks = readChunks(baked);

    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'iTXt', 'IEND']);
    expect(chunks.every((c) => c.crcOk)).toBe(true);
    expect(chunks[2].data.subarray(0, 20).toString('latin1')).toBe('openbadgecredential\0');
    expect(extractCredential(baked)).toBe('header.payload.signature');
  });

  it('still decodes as the same 256 x 256 RGBA image', () => {
    const baked = bakeCredential(badgeImage(), 'x.y.z');

    const [ihdr, idat] = readChunks(baked);
    const pixels = inflateSync(idat.data);

    expect([ihdr.data.readUInt32BE(0), ihdr.data.readUInt32BE(4), ihdr.data[8], ihdr.data[9]]).toEqual([
      256, 256, 8, 6,
    ]);
    expect(pixels.length).toBe(256 * (256 * 4 + 1));
    const centre = 128 * (256 * 4 + 1) + 1 + 40 * 4; // a pixel inside the blue disc
    expect([...pixels.subarray(centre, centre + 4)]).toEqual([11, 79, 138, 255]);
  });

  it('replaces an earlier credential instead of adding a second one', () => {
    const twice = bakeCredential(bakeCredential(badgeImage(), 'old.old.old'), 'new.new.new');

    expect(readChunks(twice).filter((c) => c.type === 'iTXt')).toHaveLength(1);
    expect(extractCredential(twice)).toBe('new.new.new');
  });

  it('finds no credential in an unbaked image and rejects what is not a PNG', () => {
    expect(extractCredential(badgeImage())).toBeNull();
    expect(() => readChunks(Buffer.from('GIF89a'))).toThrow('not a PNG');
  });
});
