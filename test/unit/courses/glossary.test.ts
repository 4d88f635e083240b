import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCourses } from '../../../server/courses/course-loader.js';
import { checkGlossary, glossaryFindings } from '../../../server/courses/glossary.js';

const ROOT = join(import.meta.dirname, '../../..');
const course = () => loadCourses(join(import.meta.dirname, '../../fixtures/courses/valid'), ROOT).courses[0]!;

describe('course glossary', () => {
  it('passes a translation that uses the glossary rendering wherever the source uses the term', () => {
    const findings = glossaryFindings(course(), { terms: [{ en: 'fixture course', fr: 'cours de test' }] });

    expect(findings).toEqual([]);
  });

  it('flags each place and language where a term is rendered another way', () => {
    const findings = glossaryFindings(course(), { terms: [{ en: 'fixture course', fr: 'parcours fictif' }] });

    expect(findings).toContain(
      'course.yaml title (fr): "fixture course" is not rendered as "parcours fictif" (glossary.yaml)',
    );
    expect(findings).toContain(
      'lessons/m1-basics/l1-welcome (fr): "fixture course" is not rendered as "parcours fictif" (glossary.yaml)',
    );
  });

  it('accepts any listed form of an inflected rendering, and ignores languages the term does not give', () => {
    const findings = glossaryFindings(course(), {
      terms: [{ en: ['fixture course'], fr: ['cours fictif', 'cours de test'] }, { en: 'basics' }],
    });

    expect(findings).toEqual([]);
  });

  it('reports a glossary file that is not valid, naming the place', () => {
    const c = course();
    const dir = mkdtempSync(join(tmpdir(), 'praxis-glossary-'));
    writeFileSync(join(dir, 'glossary.yaml'), 'terms:\n  - en: "Tokyo Rules"\n    xx: "?"\n');

    const result = checkGlossary({ ...c, dir });

    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(/^glossary\.yaml: terms\.0/);
  });
});
