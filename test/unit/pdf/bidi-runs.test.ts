import { describe, expect, it } from 'vitest';
import { visualRuns } from '../../../server/pdf/bidi-runs.js';

const texts = (line: string, dir: 'ltr' | 'rtl') => visualRuns(line, dir).map((r) => [r.text, r.font, r.rtl]);

describe('visual runs for the PDF', () => {
  it('keeps a left-to-right line as one run', () => {
    expect(texts('Certificate of completion', 'ltr')).toEqual([['Certificate of completion', 'sans', false]]);
  });

  it('keeps an Arabic phrase in logical order as one Arabic run, which fontkit shapes and reverses', () => {
    expect(texts('شهادة إتمام', 'rtl')).toEqual([['شهادة إتمام', 'arabic', true]]);
  });

  it('orders an Arabic line with a Latin code from left to right as it is seen', () => {
    const runs = texts('رمز التحقق: 7K3M-Q9XD', 'rtl');

    expect(runs).toEqual([
      ['7K3M-Q9XD', 'sans', false],
      ['رمز التحقق: ', 'arabic', true],
    ]);
  });

  it('keeps Arabic-Indic digits left to right by pre-reversing what fontkit will reverse', () => {
    const runs = visualRuns('مارس ٢٠٢٥', 'rtl');

    expect(runs.map((r) => r.text)).toEqual(['٥٢٠٢', 'مارس ']);
  });

  it('mirrors brackets in a right-to-left run', () => {
    expect(
      visualRuns('بدائل (قواعد)', 'rtl')
        .map((r) => r.text)
        .join(''),
    ).toBe('بدائل )قواعد(');
  });

  it('drops bidi control marks, which the fonts cannot draw', () => {
    expect(visualRuns('\u200fa\u200e', 'ltr').map((r) => r.text)).toEqual(['a']);
  });

  it('draws Chinese and its full-width punctuation with the CJK font, digits and Latin with Noto Sans', () => {
    const runs = visualRuns('2026年，4,390名用户', 'ltr');
    expect(runs.map((r) => [r.text, r.font])).toEqual([
      ['2026', 'sans'],
      ['年，', 'cjk'],
      ['4,390', 'sans'],
      ['名用户', 'cjk'],
    ]);
  });
});
