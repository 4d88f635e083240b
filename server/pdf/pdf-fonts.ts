import * as fontkit from 'fontkit';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { RunFont } from './bidi-runs.js';

/**
 * Fonts embedded in our PDFs (certificates, the yearly report), from npm packages of the Google Fonts
 * catalogue, all under the SIL Open Font License 1.1, which allows embedding (subsets) in documents.
 * Noto Sans covers Latin, Greek and Cyrillic. Amiri carries the OpenType tables fontkit needs to
 * join Arabic letters, and draws each letter form as one glyph (Noto Naskh Arabic splits off the
 * dots as marks), so the PDF's ToUnicode map gives back the right letters when text is extracted.
 * Noto Sans SC draws Chinese (simplified) and the CJK punctuation.
 */
const FILES: Record<RunFont, Record<FontWeight, string>> = {
  sans: {
    regular: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
    bold: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  },
  arabic: {
    regular: '@expo-google-fonts/amiri/400Regular/Amiri_400Regular.ttf',
    bold: '@expo-google-fonts/amiri/700Bold/Amiri_700Bold.ttf',
  },
  cjk: {
    regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
    bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
  },
};

export type FontWeight = 'regular' | 'bold';
export type FontName = `${RunFont}-${FontWeight}`;

const cache = new Map<FontName, fontkit.Font>();
const require = createRequire(import.meta.url);

/**
 * Parsed once, on first use, and shared by every document: pdfkit accepts a fontkit font and subsets
 * it per document; parsing the tables again for each PDF doubled render time. The CJK fonts (10 MB
 * each) are only read when a document first draws a Chinese character.
 */
export function pdfFont(name: FontName): fontkit.Font {
  let font = cache.get(name);
  if (!font) {
    const [run, weight] = name.split('-') as [RunFont, FontWeight];
    font = fontkit.create(readFileSync(require.resolve(FILES[run][weight]))) as fontkit.Font;
    cache.set(name, font);
  }
  return font;
}
