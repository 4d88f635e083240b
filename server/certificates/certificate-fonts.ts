import * as fontkit from 'fontkit';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { RunFont } from './bidi-runs.js';

/**
 * Fonts embedded in certificate PDFs, from npm packages of the Google Fonts catalogue. Both are
 * under the SIL Open Font License 1.1, which allows embedding (subsets) in documents.
 * Noto Sans covers Latin, Greek and Cyrillic. Amiri carries the OpenType tables fontkit needs to
 * join Arabic letters, and draws each letter form as one glyph (Noto Naskh Arabic splits off the
 * dots as marks), so the PDF's ToUnicode map gives back the right letters when text is extracted.
 */
const FILES: Record<RunFont, Record<'regular' | 'bold', string>> = {
  sans: {
    regular: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
    bold: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  },
  arabic: {
    regular: '@expo-google-fonts/amiri/400Regular/Amiri_400Regular.ttf',
    bold: '@expo-google-fonts/amiri/700Bold/Amiri_700Bold.ttf',
  },
};

export type FontWeight = 'regular' | 'bold';
export type FontSet = Record<`${RunFont}-${FontWeight}`, fontkit.Font>;

let cached: FontSet | undefined;

/**
 * Parsed once, on the first certificate, and shared by every document: pdfkit accepts a fontkit
 * font, subsets it per document, and parsing the tables again for each PDF doubled render time.
 */
export function certificateFonts(): FontSet {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const load = (spec: string) => fontkit.create(readFileSync(require.resolve(spec))) as fontkit.Font;
  cached = {
    'sans-regular': load(FILES.sans.regular),
    'sans-bold': load(FILES.sans.bold),
    'arabic-regular': load(FILES.arabic.regular),
    'arabic-bold': load(FILES.arabic.bold),
  };
  return cached;
}
