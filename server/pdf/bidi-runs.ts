import bidiFactory, { type Bidi } from 'bidi-js';

/** Which embedded font draws a run: Amiri for Arabic script, Noto Sans SC for Chinese, Noto Sans for everything else. */
export type RunFont = 'arabic' | 'cjk' | 'sans';
export interface VisualRun {
  text: string;
  font: RunFont;
  rtl: boolean;
}

// bidi-js ships CommonJS types for an ESM default export; at run time the default is the factory.
const bidi = (bidiFactory as unknown as () => Bidi)();
const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u0870-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;
// Characters of the Arabic script property (fontkit reverses a run holding one), leaving out the Common ones (، ؛ ؟ ـ).
const ARABIC_SCRIPT =
  /[\u0600-\u060B\u060D-\u061A\u061D\u061E\u0620-\u063F\u0641-\u06FF\u0750-\u077F\u0870-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;
// Han, kana, Hangul, and the CJK symbols, punctuation and full-width forms.
const CJK =
  /[\u1100-\u11FF\u2E80-\u2FDF\u3000-\u30FF\u3100-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF]/;
const NEUTRAL = /[\s\p{P}\p{S}]/u;
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const MIRROR: Record<string, string> = {
  '(': ')',
  ')': '(',
  '[': ']',
  ']': '[',
  '{': '}',
  '}': '{',
  '«': '»',
  '»': '«',
  '<': '>',
  '>': '<',
};

/**
 * pdfkit shapes a run with fontkit (joining forms, ligatures, and right-to-left glyph order for an
 * Arabic run) but knows nothing of the Unicode bidirectional algorithm. This splits one line into
 * runs of one direction and one font, in visual order from left to right, so the page can place them.
 */
export function visualRuns(line: string, direction: 'ltr' | 'rtl'): VisualRun[] {
  const text = line.replace(BIDI_CONTROLS, '');
  if (!text) return [];
  const embedding = bidi.getEmbeddingLevels(text, direction);
  const levels = embedding.levels;
  const fonts = fontsOf(text);
  const order = bidi.getReorderedIndices(text, embedding);
  const runs: { from: number; to: number; level: number; font: RunFont }[] = [];
  for (const i of order) {
    const last = runs[runs.length - 1];
    const rtl = levels[i]! % 2 === 1;
    const adjacent = last && (rtl ? i === last.from - 1 : i === last.to + 1);
    if (last && adjacent && last.level === levels[i] && last.font === fonts[i]) {
      if (rtl) last.from = i;
      else last.to = i;
    } else {
      runs.push({ from: i, to: i, level: levels[i]!, font: fonts[i]! });
    }
  }
  return runs.map(({ from, to, level, font }) => {
    const logical = text.slice(from, to + 1);
    const rtl = level % 2 === 1;
    // fontkit reverses the glyphs of a run whenever it finds Arabic script in it (Arabic-Indic digits
    // too, which bidi keeps left to right); the text is prepared so that the result is the visual order.
    const chars = rtl ? [...logical].map((c) => MIRROR[c] ?? c) : [...logical];
    const fontkitReverses = ARABIC_SCRIPT.test(logical);
    return { text: (rtl !== fontkitReverses ? chars.reverse() : chars).join(''), font, rtl };
  });
}

/** Neutral characters (spaces, punctuation) keep the font of what precedes them, so words stay joined in one run. */
function fontsOf(text: string): RunFont[] {
  const out: RunFont[] = [];
  let previous: RunFont | null = null;
  for (const ch of text) {
    const font: RunFont = ARABIC.test(ch)
      ? 'arabic'
      : CJK.test(ch)
        ? 'cjk'
        : NEUTRAL.test(ch) && previous
          ? previous
          : 'sans';
    for (let k = 0; k < ch.length; k++) out.push(font);
    previous = font;
  }
  return out;
}
