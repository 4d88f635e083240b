import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGES } from '../../server/http/i18n.js';

const LOCALES = join(import.meta.dirname, '../../locales');

function flatten(obj: Record<string, unknown>, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object') for (const [kk, vv] of flatten(v as Record<string, unknown>, key)) out.set(kk, vv);
    else out.set(key, String(v));
  }
  return out;
}

const read = (lang: string, ns: string) => flatten(JSON.parse(readFileSync(join(LOCALES, lang, `${ns}.json`), 'utf8')));
const namespaces = readdirSync(join(LOCALES, 'en'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''));
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  it('has English namespaces', () => {
    expect(namespaces.length).toBeGreaterThan(3);
  });

  for (const lang of LANGUAGES.filter((l) => l !== 'en')) {
    describe(lang, () => {
      for (const ns of namespaces) {
        it(`has every key of ${ns}, with the same placeholders, and no extra keys`, () => {
          const en = read('en', ns);
          const other = read(lang, ns);
          const missing = [...en.keys()].filter((k) => !other.has(k) || other.get(k)!.trim() === '');
          const extra = [...other.keys()].filter((k) => !en.has(k));
          const badPlaceholders = [...en.keys()].filter(
            (k) => other.has(k) && placeholders(en.get(k)!).join() !== placeholders(other.get(k)!).join(),
          );
          expect({ missing, extra, badPlaceholders }).toEqual({ missing: [], extra: [], badPlaceholders: [] });
        });
      }

      it('is a translation, not an English copy', () => {
        let same = 0;
        let total = 0;
        for (const ns of namespaces) {
          const en = read('en', ns);
          const other = read(lang, ns);
          for (const [k, v] of en) {
            if (v.length < 12) continue; // short labels ("Email", "OK") may legitimately match
            total++;
            if (other.get(k) === v) same++;
          }
        }
        expect(same / Math.max(total, 1)).toBeLessThan(0.05);
      });
    });
  }
});
