/**
 * Checks a SCORM zip's file list around its manifest: where the manifest is, AICC-only packages,
 * and files the manifest refers to that the zip does not hold. Pure: the pipeline gives the entries.
 */
import { parseManifest } from './manifest-parser.js';
import type { ScormManifest, ScormResource } from './scorm-manifest.js';

export const MANIFEST = 'imsmanifest.xml';
const AICC = /\.(crs|au|des|cst|ort|pre|cmp)$/i;

export type ScormCheck = { ok: true; manifest: ScormManifest } | { ok: false; problems: string[] };

/** Where the manifest is: at the root (ok), only in a sub-folder, or nowhere (AICC or not a package). */
export function locateManifest(entries: readonly string[]): { ok: true } | { ok: false; problems: string[] } {
  if (entries.includes(MANIFEST)) return { ok: true };
  const nested = entries.filter((e) => e.toLowerCase().endsWith(`/${MANIFEST}`));
  if (nested.length) {
    const folder = (nested.sort((a, b) => a.length - b.length)[0] ?? '').slice(0, -MANIFEST.length);
    return {
      ok: false,
      problems: [
        `imsmanifest.xml is in the folder "${folder}", not at the root of the zip: zip the contents of that folder.`,
      ],
    };
  }
  if (entries.some((e) => e.toLowerCase() === MANIFEST)) {
    return { ok: false, problems: ['The manifest must be named imsmanifest.xml in lower case.'] };
  }
  if (entries.some((e) => AICC.test(e))) {
    return {
      ok: false,
      problems: ['This is an AICC package: AICC is not supported. Export the course as SCORM or cmi5.'],
    };
  }
  return { ok: false, problems: ['The zip has no imsmanifest.xml at its root: it is not a SCORM package.'] };
}

/** A path as it names a file in the zip: no query or fragment, percent-escapes decoded. */
function filePath(href: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return null; // external URL
  const bare = href.split(/[?#]/)[0] ?? '';
  try {
    return decodeURIComponent(bare);
  } catch {
    return bare;
  }
}

export function missingFiles(resources: readonly ScormResource[], entries: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const has = (p: string) => entries.has(p) || entries.has(p.split(/[?#]/)[0] ?? p);
  for (const r of resources) {
    const launch = r.href === null ? null : filePath(r.href);
    if (launch !== null && !has(launch)) {
      problems.push(`Resource "${r.identifier}" launches "${launch}", which is not in the zip.`);
    }
    for (const f of r.files) {
      const p = filePath(f);
      if (p !== null && p !== launch && !has(p))
        problems.push(`Resource "${r.identifier}" lists "${p}", which is not in the zip.`);
    }
  }
  return problems;
}

/** Every problem of the package, or the parsed manifest. `readManifest` is called only when there is one. */
export async function checkScormPackage(
  entries: readonly string[],
  readManifest: () => Promise<string>,
): Promise<ScormCheck> {
  const located = locateManifest(entries);
  if (!located.ok) return located;
  const parsed = parseManifest(await readManifest());
  const resources = parsed.ok ? parsed.manifest.resources : (parsed.resources ?? []);
  const missing = missingFiles(resources, new Set(entries));
  if (!parsed.ok) return { ok: false, problems: [...parsed.problems, ...missing] };
  return missing.length ? { ok: false, problems: missing } : parsed;
}
