import { resolve } from 'node:path';
import { loadCourses } from '../server/courses/course-loader.js';

/** `npm run check-courses [dir]`: validates every course package; exits 1 on any error. */
const dir = resolve(process.argv[2] ?? 'courses');
const { courses, broken } = loadCourses(dir);

for (const c of courses) {
  const lessons = c.modules.reduce((n, m) => n + m.lessons.length, 0);
  const partial = [...new Set(c.modules.flatMap((m) => m.lessons.flatMap((l) => Object.keys(l.html))))]
    .filter((lang) => !(c.manifest.languages as string[]).includes(lang)).sort();
  console.log(`ok    ${c.slug} ${c.manifest.version}: ${c.modules.length} modules, ${lessons} lessons, ${c.quizzes.size} quizzes, `
    + `languages ${c.manifest.languages.join(' ')}${partial.length ? ` (lessons partly translated: ${partial.join(' ')})` : ''}`);
}
for (const b of broken) {
  console.log(`ERROR ${b.slug}: ${b.errors.length} error${b.errors.length === 1 ? '' : 's'}`);
  for (const e of b.errors) console.log(`  ${e}`);
}
console.log(`${courses.length} course(s) ok, ${broken.length} broken`);
process.exit(broken.length > 0 || courses.length === 0 ? 1 : 0);
