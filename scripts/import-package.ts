/**
 * Imports a course package (cmi5, or a Praxis course folder zipped) into the configured database and
 * DATA_DIR/packages, as the administrators' upload page does. Prints the course id on success; lists
 * every problem and exits 1 when the package is refused.
 */
import { loadConfig } from '../server/config.js';
import { buildDeps } from '../server/container.js';
import { createLogger } from '../server/log.js';
import { PackageRefused } from '../server/packages/package-service.js';
import { fail, openExistingStore, parseCli } from './lib/cli.js';

const USAGE = `Usage: npm run import-package -- FILE.zip [--publish]

Checks and imports a course package: cmi5 (cmi5.xml) or a Praxis course (course.yaml) at the root of
the zip. A package whose course id is already known becomes its next version.
  --publish   make it the version new enrolments get (otherwise it waits as a draft)`;

const { values, positionals } = parseCli(
  'import-package',
  USAGE,
  { publish: { type: 'boolean', default: false } },
  true,
);
const [file] = positionals;
if (!file || positionals.length > 1) fail('import-package', 'give exactly one FILE.zip', USAGE);
const config = loadConfig();
const deps = await buildDeps(
  config,
  createLogger('warn', { destination: process.stderr }),
  await openExistingStore('import-package', config),
);
try {
  const t0 = performance.now();
  const r = await deps.packages.importZip(file, { by: null, publish: values.publish ?? false });
  const ms = Math.round(performance.now() - t0);
  console.log(r.slug);
  console.error(
    `imported ${r.kind} package "${Object.values(r.title)[0] ?? r.slug}" as ${r.slug} version ${r.version}` +
      ` (${r.files} files, ${Math.round(r.bytes / 1024)} KB) in ${ms} ms${r.published ? ', published' : ', a draft: publish it at Administration > Courses'}`,
  );
} catch (err) {
  if (!(err instanceof PackageRefused)) throw err;
  console.error(`import-package: ${file} was refused:`);
  for (const p of err.problems) console.error(`  ${p}`);
  process.exitCode = 1;
} finally {
  await deps.store.close();
}
