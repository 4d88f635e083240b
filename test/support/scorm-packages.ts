/**
 * SCORM packages written for Praxis's tests, as files in memory: manifests for each edition, small
 * HTML SCOs driven by test/fixtures/scorm/sco.js, and broken packages. No third-party content.
 * `npx tsx test/support/scorm-packages.ts OUT_DIR` writes each one as a folder (zip them to upload).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { mkdtempSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { writeZip } from './zip.js';

export type PackageFiles = Map<string, string>;

const SCO_JS = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../fixtures/scorm/sco.js'), 'utf8');

const NS_12 =
  'xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" ' + 'xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"';
const NS_2004 =
  'xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" ' +
  'xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3" xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3" ' +
  'xmlns:imsss="http://www.imsglobal.org/xsd/imsss"';

export interface ScoOptions {
  title: string;
  version: '1.2' | '2004';
  pages?: number;
  mastery?: number;
  questions?: number;
}

/** One SCO page: `pages` sections with a question each, "next" between them, "finish" on the last. */
export function scoHtml(o: ScoOptions, js = 'sco.js'): string {
  const pages = o.pages ?? 2;
  const sections = Array.from({ length: pages }, (_, i) => {
    const n = i + 1;
    const q =
      n <= (o.questions ?? pages)
        ? `<div data-question="q${n}" data-correct="b"><p>Question ${n}: pick b.</p>
<button data-choice="a">a</button> <button data-choice="b">b</button></div>`
        : '';
    const nav =
      n < pages ? '<button data-action="next">Next page</button>' : '<button data-action="finish">Finish</button>';
    return `<section data-page="${n}"><h2>Page ${n}</h2>${q}<p>${nav}</p></section>`;
  }).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${o.title}</title></head>
<body data-scorm="${o.version}" data-pages="${pages}" data-mastery="${o.mastery ?? 50}">
<h1>${o.title}</h1><p>Learner: <span id="learner"></span>. Entry: <span id="entry"></span>.
Page <span id="page"></span>. Saved: <span id="saved"></span></p>
${sections}
<p id="status" role="status"></p>
<script src="${js}"></script></body></html>\n`;
}

const item = (id: string, ref: string | null, title: string, inner = '', attrs = '') =>
  `<item identifier="${id}"${ref ? ` identifierref="${ref}"` : ''}${attrs}><title>${title}</title>${inner}</item>`;
const resource = (id: string, href: string, type: 'sco' | 'asset', v: '1.2' | '2004', files: string[], extra = '') =>
  `<resource identifier="${id}" type="webcontent" adlcp:${v === '1.2' ? 'scormtype' : 'scormType'}="${type}" href="${href}"${extra}>` +
  files.map((f) => `<file href="${f}"/>`).join('') +
  '</resource>';

function manifest12(id: string, orgTitle: string, items: string, resources: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${id}" version="1" ${NS_12}>
<metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
<organizations default="ORG"><organization identifier="ORG"><title>${orgTitle}</title>${items}</organization></organizations>
<resources>${resources}</resources></manifest>\n`;
}

function manifest2004(
  id: string,
  edition: '3rd' | '4th',
  orgTitle: string,
  items: string,
  resources: string,
  base = '',
): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${id}" version="1" ${NS_2004}>
<metadata><schema>ADL SCORM</schema><schemaversion>2004 ${edition} Edition</schemaversion></metadata>
<organizations default="ORG"><organization identifier="ORG" adlseq:objectivesGlobalToSystem="false"><title>${orgTitle}</title>
${items}</organization></organizations>
<resources${base}>${resources}</resources></manifest>\n`;
}

const files = (entries: [string, string][]): PackageFiles => new Map(entries);

export const scormPackages = {
  single12: () =>
    files([
      [
        'imsmanifest.xml',
        manifest12(
          'praxis-single-12',
          'Single SCO (SCORM 1.2)',
          item('ITEM-1', 'RES-1', 'Interviewing victims', '<adlcp:masteryscore>50</adlcp:masteryscore>'),
          resource('RES-1', 'index.html', 'sco', '1.2', ['index.html', 'sco.js']),
        ),
      ],
      ['index.html', scoHtml({ title: 'Interviewing victims', version: '1.2', pages: 3 })],
      ['sco.js', SCO_JS],
    ]),
  multi12: () =>
    files([
      [
        'imsmanifest.xml',
        manifest12(
          'praxis-multi-12',
          'Three SCOs (SCORM 1.2)',
          item('ITEM-1', 'RES-1', 'Part one') +
            item('ITEM-2', 'RES-2', 'Part two') +
            item('ITEM-3', 'RES-3', 'Part three') +
            item('ITEM-4', 'RES-4', 'Glossary'),
          resource('RES-1', 'one.html', 'sco', '1.2', ['one.html', 'sco.js']) +
            resource('RES-2', 'two.html', 'sco', '1.2', ['two.html']) +
            resource('RES-3', 'three.html', 'sco', '1.2', ['three.html']) +
            resource('RES-4', 'glossary.html', 'asset', '1.2', ['glossary.html']),
        ),
      ],
      ['one.html', scoHtml({ title: 'Part one', version: '1.2', pages: 1 })],
      ['two.html', scoHtml({ title: 'Part two', version: '1.2', pages: 1 })],
      ['three.html', scoHtml({ title: 'Part three', version: '1.2', pages: 1 })],
      [
        'glossary.html',
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Glossary</title></head><body><h1>Glossary</h1></body></html>\n',
      ],
      ['sco.js', SCO_JS],
    ]),
  third2004: () =>
    files([
      [
        'imsmanifest.xml',
        manifest2004(
          'praxis-2004-3rd',
          '3rd',
          'Two SCOs (SCORM 2004 3rd edition)',
          item(
            'ITEM-1',
            'RES-1',
            'Assessing risk',
            '<adlcp:completionThreshold>0.8</adlcp:completionThreshold>' +
              '<imsss:sequencing><imsss:objectives><imsss:primaryObjective objectiveID="risk" satisfiedByMeasure="true">' +
              '<imsss:minNormalizedMeasure>0.6</imsss:minNormalizedMeasure></imsss:primaryObjective>' +
              '<imsss:objective objectiveID="risk-extra"/></imsss:objectives></imsss:sequencing>',
          ) + item('ITEM-2', 'RES-2', 'Safety planning'),
          resource('RES-1', 'risk.html', 'sco', '2004', ['risk.html']) +
            resource('RES-2', 'safety.html', 'sco', '2004', ['safety.html']) +
            '<resource identifier="RES-JS" type="webcontent" adlcp:scormType="asset"><file href="sco.js"/></resource>',
        ),
      ],
      ['risk.html', scoHtml({ title: 'Assessing risk', version: '2004', pages: 2, mastery: 60 })],
      ['safety.html', scoHtml({ title: 'Safety planning', version: '2004', pages: 1 })],
      ['sco.js', SCO_JS],
    ]),
  fourth2004: () =>
    files([
      [
        'imsmanifest.xml',
        manifest2004(
          'praxis-2004-4th',
          '4th',
          'One SCO (SCORM 2004 4th edition)',
          item(
            'ITEM-1',
            'RES-1',
            'Referral pathways',
            '<adlcp:completionThreshold completedByMeasure="true" minProgressMeasure="0.75" progressWeight="1"/>' +
              '<adlcp:data><adlcp:map targetID="urn:praxis:shared" readSharedData="true" writeSharedData="true"/></adlcp:data>',
            ' parameters="?mode=full"',
          ),
          resource('RES-1', 'index.html', 'sco', '2004', ['index.html', 'sco.js']),
        ),
      ],
      ['index.html', scoHtml({ title: 'Referral pathways', version: '2004', pages: 2 })],
      ['sco.js', SCO_JS],
    ]),
  /** Nested clusters, a hidden item, two items on one resource, resources in sub-folders with xml:base. */
  nestedHidden: () =>
    files([
      [
        'imsmanifest.xml',
        manifest2004(
          'praxis-nested',
          '3rd',
          'Nested and hidden items',
          item(
            'MOD-1',
            null,
            'Module one',
            item('ITEM-1', 'RES-A', 'Lesson A', '', ' parameters="part=1"') +
              item('ITEM-2', 'RES-A', 'Lesson A, second part', '', ' parameters="part=2"') +
              item('MOD-1-1', null, 'Deeper', item('ITEM-3', 'RES-B', 'Lesson B')),
          ) +
            item(
              'MOD-2',
              null,
              'Module two',
              item('ITEM-4', 'RES-C', 'Lesson C') + item('ITEM-5', 'RES-D', 'Notes', '', ' isvisible="false"'),
            ),
          resource('RES-A', 'a.html', 'sco', '2004', ['a.html'], ' xml:base="module-1/"') +
            resource('RES-B', 'deep/b.html', 'sco', '2004', ['deep/b.html'], ' xml:base="module-1/"') +
            resource('RES-C', 'c.html', 'sco', '2004', ['c.html'], ' xml:base="module-2/"') +
            resource('RES-D', 'notes.html', 'asset', '2004', ['notes.html'], ' xml:base="module-2/"') +
            '<resource identifier="RES-JS" type="webcontent" adlcp:scormType="asset"><file href="shared/sco.js"/></resource>',
          ' xml:base="content/"',
        ),
      ],
      ['content/module-1/a.html', scoHtml({ title: 'Lesson A', version: '2004', pages: 1 }, '../shared/sco.js')],
      [
        'content/module-1/deep/b.html',
        scoHtml({ title: 'Lesson B', version: '2004', pages: 1 }, '../../shared/sco.js'),
      ],
      ['content/module-2/c.html', scoHtml({ title: 'Lesson C', version: '2004', pages: 1 }, '../shared/sco.js')],
      [
        'content/module-2/notes.html',
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Notes</title></head><body><p>Notes</p></body></html>\n',
      ],
      ['content/shared/sco.js', SCO_JS],
    ]),
};

/** Packages that must be refused, each with a phrase its problems must contain. */
export const brokenScormPackages: Record<string, { files: () => PackageFiles; expect: RegExp[] }> = {
  noManifest: { files: () => files([['index.html', '<p>hi</p>']]), expect: [/no imsmanifest\.xml/] },
  manifestInSubfolder: {
    files: () => new Map([...scormPackages.single12()].map(([p, t]) => [`my-course/${p}`, t])),
    expect: [/in the folder "my-course\/"/],
  },
  aiccOnly: {
    files: () =>
      files([
        ['course.crs', '[Course]'],
        ['course.au', '"System_ID"'],
        ['course.des', 'x'],
      ]),
    expect: [/AICC is not supported/],
  },
  invalidXml: {
    files: () => files([['imsmanifest.xml', '<manifest><organizations></manifest>']]),
    expect: [/not valid XML \(line \d+/],
  },
  missingFilesAndResource: {
    files: () =>
      files([
        [
          'imsmanifest.xml',
          manifest12(
            'praxis-broken',
            'Broken',
            item('ITEM-1', 'RES-1', 'One') + item('ITEM-2', 'RES-NOPE', 'Two'),
            resource('RES-1', 'index.html', 'sco', '1.2', ['index.html', 'img/missing.png']),
          ),
        ],
      ]),
    expect: [
      /"RES-NOPE", which the manifest does not define/,
      /launches "index\.html", which is not in the zip/,
      /lists "img\/missing\.png", which is not in the zip/,
    ],
  },
};

export function writePackage(files: PackageFiles, dir: string): void {
  for (const [path, content] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}

/** The package as a zip file in a temporary folder, ready for the pipeline's import. */
export function scormZip(files: PackageFiles, name = 'scorm.zip'): string {
  return writeZip(
    join(mkdtempSync(join(tmpdir(), 'praxis-scorm-zip-')), name),
    [...files].map(([n, data]) => ({ name: n, data })),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ?? 'scorm-packages';
  for (const [name, build] of Object.entries(scormPackages)) writePackage(build(), join(out, name));
  console.log(`wrote ${Object.keys(scormPackages).length} packages to ${out}`);
}
