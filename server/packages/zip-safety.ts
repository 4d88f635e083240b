import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';

/**
 * Reading uploaded zips without trusting them. yauzl (a maintained, dependency-free reader) reads
 * the central directory first, so every name, size and attribute is checked before one byte is
 * inflated, and it refuses entries whose inflated size differs from what they declare: a bomb that
 * lies about its size is cut off at the declared size.
 */
export interface ZipLimits {
  maxEntries: number;
  maxTotalBytes: number;
  maxEntryBytes: number;
  /** Inflated / compressed, for entries above 1 MB: plain text and media stay far below it. */
  maxRatio: number;
}
export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 8_000,
  maxTotalBytes: 2 * 1024 ** 3,
  maxEntryBytes: 1024 ** 3,
  maxRatio: 200,
};

export interface ZipEntryInfo {
  name: string;
  size: number;
  compressedSize: number;
}

export class ZipRefused extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/** UTF-8 when the entry says so (general purpose bit 11), else the old DOS code page, read as Latin-1. */
const nameOf = (e: yauzl.Entry): string => {
  const raw = e.fileName as unknown as Buffer | string;
  return typeof raw === 'string' ? raw : raw.toString(e.generalPurposeBitFlag & 0x800 ? 'utf8' : 'latin1');
};

/** yauzl's own name checks, said as the upload page says the others. */
function refusedBecause(err: Error): string {
  const m = /^(invalid relative path|absolute path): (.*)$/.exec(err.message);
  if (!m) return `the zip could not be read: ${err.message}`;
  return m[1] === 'absolute path'
    ? `"${m[2]}": absolute paths are not allowed`
    : `"${m[2]}": ".." in a path would write outside the package (zip slip)`;
}

/** A safe relative path inside the package, or the reason it is not one. */
export function entryProblem(name: string): string | null {
  if (name.includes('\\')) return `"${name}": backslashes in file names are not allowed`;
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return `"${name}": absolute paths are not allowed`;
  const normal = posix.normalize(name);
  if (normal.startsWith('../') || normal === '..' || name.split('/').includes('..'))
    return `"${name}": ".." in a path would write outside the package (zip slip)`;
  if (name.includes('\0')) return `"${name}": NUL in a file name`;
  return null;
}

function open(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    // Names are decoded and checked here, so every bad name is listed rather than the first one thrown.
    yauzl.open(
      file,
      { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true },
      (err, zip) => (err || !zip ? reject(err ?? new Error('no zip')) : resolve(zip)),
    ),
  );
}

/** Every entry, checked against the limits and the path rules; throws ZipRefused listing every problem. */
export async function listZip(file: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<ZipEntryInfo[]> {
  let zip: yauzl.ZipFile;
  try {
    zip = await open(file);
  } catch (err) {
    throw new ZipRefused([`not a readable zip file (${(err as Error).message})`]);
  }
  const problems: string[] = [];
  const entries: ZipEntryInfo[] = [];
  const seen = new Set<string>();
  let total = 0;
  try {
    if (zip.entryCount > limits.maxEntries)
      throw new ZipRefused([`${zip.entryCount} files: at most ${limits.maxEntries} are allowed`]);
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', () => resolve());
      zip.on('entry', (e: yauzl.Entry) => {
        const name = nameOf(e);
        const mode = (e.externalFileAttributes >>> 16) & S_IFMT;
        const problem = entryProblem(name);
        if (problem) problems.push(problem);
        else if (mode === S_IFLNK) problems.push(`"${name}": symbolic links are not allowed`);
        else if (!name.endsWith('/')) {
          const key = name.normalize('NFC').toLowerCase();
          if (seen.has(key)) problems.push(`"${name}": the zip holds this file twice`);
          seen.add(key);
          total += e.uncompressedSize;
          if (e.uncompressedSize > limits.maxEntryBytes)
            problems.push(
              `"${name}": ${e.uncompressedSize} bytes is more than one file may have (${limits.maxEntryBytes})`,
            );
          if (e.uncompressedSize > 1024 ** 2 && e.uncompressedSize > limits.maxRatio * Math.max(1, e.compressedSize)) {
            problems.push(
              `"${name}": compressed ${Math.round(e.uncompressedSize / Math.max(1, e.compressedSize))} to 1, a zip bomb's ratio`,
            );
          }
          entries.push({ name, size: e.uncompressedSize, compressedSize: e.compressedSize });
        }
        if (problems.length < 50) zip.readEntry();
        else resolve();
      });
      zip.readEntry();
    });
  } catch (err) {
    if (err instanceof ZipRefused) throw err;
    throw new ZipRefused([...problems, refusedBecause(err as Error)]);
  } finally {
    zip.close();
  }
  if (total > limits.maxTotalBytes)
    problems.push(`${total} bytes uncompressed: at most ${limits.maxTotalBytes} are allowed`);
  if (problems.length) throw new ZipRefused(problems);
  return entries;
}

/** Reads one small file of the zip (a manifest) into memory, at most `max` bytes. */
export async function readZipFile(file: string, name: string, max = 5 * 1024 ** 2): Promise<Buffer | null> {
  const zip = await open(file);
  try {
    return await new Promise<Buffer | null>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', () => resolve(null));
      zip.on('entry', (e: yauzl.Entry) => {
        if (nameOf(e) !== name) return zip.readEntry();
        if (e.uncompressedSize > max) return reject(new ZipRefused([`"${name}" is larger than ${max} bytes`]));
        zip.openReadStream(e, (err, stream) => {
          if (err || !stream) return reject(err);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => resolve(Buffer.concat(chunks)));
        });
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
}

/** Writes every file of an already listed (checked) zip under `dest`, streaming, one file at a time. */
export async function extractZip(file: string, dest: string): Promise<void> {
  const zip = await open(file);
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', () => resolve());
      zip.on('entry', (e: yauzl.Entry) => {
        const name = nameOf(e);
        const problem = entryProblem(name);
        if (problem) return reject(new ZipRefused([problem]));
        const target = join(dest, ...name.split('/'));
        if (name.endsWith('/')) {
          mkdirSync(target, { recursive: true });
          return zip.readEntry();
        }
        mkdirSync(dirname(target), { recursive: true });
        zip.openReadStream(e, (err, stream) => {
          if (err || !stream) return reject(err);
          pipeline(stream, createWriteStream(target, { flags: 'wx' })).then(() => zip.readEntry(), reject);
        });
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
}
