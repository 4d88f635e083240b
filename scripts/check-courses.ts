import { resolve } from 'node:path';
import { loadCourses } from '../server/courses/course-loader.js';
import { checkGlossary } from '../server/courses/glossary.js';
import { parseCli } from './lib/cli.js';

const USAGE = `Usage: npm run check-courses [-- [--strict] [DIR]]

Validates every course package in DIR (default: courses). A language listed in a course's
languages must be complete: every lesson, outline text and quiz text. Terms of a course's
glossary.yaml rendered another way in a translation are flagged; --strict makes them errors.
Exits 1 on any error.`;

const { values, positionals } = parseCli('check-courses', USAGE, { strict: { type: 'boolean' } }, true);

const dir = resolve(positionals[0] ?? 'courses');
const { courses, broken } = loadCourses(dir);
let glossaryProblems = 0;

for (const c of courses) {
  const lessons = c.modules.reduce((n, m) => n + m.lessons.length, 0);
  const partial = [...new Set(c.modules.flatMap((m) => m.lessons.flatMap((l) => Object.keys(l.html))))]
    .filter((lang) => !(c.manifest.languages as string[]).includes(lang))
    .sort();
  const glossary = checkGlossary(c);
  console.log(
    `${glossary.errors.length ? 'ERROR' : 'ok   '} ${c.slug} ${c.manifest.version}: ${c.modules.length} modules, ${lessons} lessons, ` +
      `${c.quizzes.size} quizzes, languages ${c.manifest.languages.join(' ')}` +
      `${partial.length ? ` (partly translated, not offered: ${partial.join(' ')})` : ''}`,
  );
  for (const e of glossary.errors) console.log(`  ${e}`);
  for (const f of glossary.findings) console.log(`  term  ${f}`);
  glossaryProblems += glossary.errors.length + (values.strict ? glossary.findings.length : 0);
}
for (const b of broken) {
  console.log(`ERROR ${b.slug}: ${b.errors.length} error${b.errors.length === 1 ? '' : 's'}`);
  for (const e of b.errors) console.log(`  ${e}`);
}
console.log(
  `${courses.length} course(s) ok, ${broken.length} broken${glossaryProblems ? `, ${glossaryProblems} glossary problem(s)` : ''}`,
);
process.exit(broken.length > 0 || courses.length === 0 || glossaryProblems > 0 ? 1 : 0);
