import { describe, expect, it } from 'vitest';
import { resolveHref, withParameters } from '../../../server/packages/scorm/launch-url.js';
import { parseManifest } from '../../../server/packages/scorm/manifest-parser.js';
import { checkScormPackage } from '../../../server/packages/scorm/package-check.js';
import { defaultOrganization, launchables, type ScormManifest } from '../../../server/packages/scorm/scorm-manifest.js';
import { brokenScormPackages, scormPackages, type PackageFiles } from '../../support/scorm-packages.js';

async function check(files: PackageFiles) {
  return checkScormPackage([...files.keys()], async () => files.get('imsmanifest.xml') ?? '');
}
async function manifestOf(files: PackageFiles): Promise<ScormManifest> {
  const r = await check(files);
  if (!r.ok) throw new Error(r.problems.join('\n'));
  return r.manifest;
}

describe('SCORM 1.2 manifests', () => {
  it('reads a single-SCO package with its mastery score', async () => {
    const m = await manifestOf(scormPackages.single12());

    expect(m.version).toBe('1.2');
    expect(m.title).toBe('Single SCO (SCORM 1.2)');
    expect(launchables(m)).toEqual([expect.objectContaining({ scormType: 'sco', depth: 0 })]);
    expect(launchables(m)[0]?.item).toMatchObject({
      identifier: 'ITEM-1',
      launch: 'index.html',
      masteryScore: 50,
      visible: true,
    });
  });

  it('reads a multi-SCO package in order, telling SCOs from assets', async () => {
    const m = await manifestOf(scormPackages.multi12());

    expect(launchables(m).map((l) => [l.item.identifier, l.scormType])).toEqual([
      ['ITEM-1', 'sco'],
      ['ITEM-2', 'sco'],
      ['ITEM-3', 'sco'],
      ['ITEM-4', 'asset'],
    ]);
  });

  it('keeps 1.2 item extensions: prerequisites, max time, data from the LMS', () => {
    const xml = `<manifest identifier="m" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
      <organizations default="o"><organization identifier="o"><title>T</title>
      <item identifier="i" identifierref="r"><title>I</title><adlcp:prerequisites type="aicc_script">x</adlcp:prerequisites>
      <adlcp:maxtimeallowed>00:30:00</adlcp:maxtimeallowed><adlcp:timelimitaction>exit,message</adlcp:timelimitaction>
      <adlcp:datafromlms>level=2</adlcp:datafromlms></item></organization></organizations>
      <resources><resource identifier="r" type="webcontent" adlcp:scormtype="sco" href="a.html"/></resources></manifest>`;

    const r = parseManifest(xml);

    expect(r.ok && r.manifest.version).toBe('1.2');
    expect(r.ok && launchables(r.manifest)[0]?.item).toMatchObject({
      prerequisites: 'x',
      maxTimeAllowed: '00:30:00',
      timeLimitAction: 'exit,message',
      dataFromLms: 'level=2',
    });
  });
});

describe('SCORM 2004 manifests', () => {
  it('reads a 3rd edition package: completion threshold as text, imsss objectives, mastery from the primary objective', async () => {
    const m = await manifestOf(scormPackages.third2004());
    const first = launchables(m)[0]?.item;

    expect(m.version).toBe('2004-3rd');
    expect(first?.completionThreshold).toEqual({
      minProgressMeasure: 0.8,
      completedByMeasure: true,
      progressWeight: 1,
    });
    expect(first?.objectives).toEqual([
      { id: 'risk', primary: true, satisfiedByMeasure: true, minNormalizedMeasure: 0.6 },
      { id: 'risk-extra', primary: false, satisfiedByMeasure: false, minNormalizedMeasure: null },
    ]);
    expect(first?.masteryScore).toBe(60);
    expect(first?.hasSequencing).toBe(true);
    expect(launchables(m)).toHaveLength(2); // the script-only resource is not an item
  });

  it('reads a 4th edition package: threshold attributes and parameters on the launch URL', async () => {
    const m = await manifestOf(scormPackages.fourth2004());
    const first = launchables(m)[0]?.item;

    expect(m.version).toBe('2004-4th');
    expect(first?.completionThreshold).toEqual({
      minProgressMeasure: 0.75,
      completedByMeasure: true,
      progressWeight: 1,
    });
    expect(first?.launch).toBe('index.html?mode=full');
  });

  it('reads a 2nd edition package from its schema version', () => {
    const r =
      parseManifest(`<manifest identifier="m"><metadata><schema>ADL SCORM</schema><schemaversion>CAM 1.3</schemaversion>
      </metadata><organizations default="o"><organization identifier="o"><title>T</title><item identifier="i" identifierref="r">
      <title>I</title></item></organization></organizations><resources><resource identifier="r" href="a.html"
      adlcp:scormType="sco" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"/></resources></manifest>`);

    expect(r.ok && r.manifest.version).toBe('2004-2nd');
  });

  it('walks nested clusters, keeps hidden items, lets two items share a resource, applies xml:base', async () => {
    const m = await manifestOf(scormPackages.nestedHidden());
    const l = launchables(m);

    expect(l.map((x) => [x.item.identifier, x.item.launch, x.depth])).toEqual([
      ['ITEM-1', 'content/module-1/a.html?part=1', 1],
      ['ITEM-2', 'content/module-1/a.html?part=2', 1],
      ['ITEM-3', 'content/module-1/deep/b.html', 2],
      ['ITEM-4', 'content/module-2/c.html', 1],
      ['ITEM-5', 'content/module-2/notes.html', 1],
    ]);
    expect(l.find((x) => x.item.identifier === 'ITEM-5')?.item.visible).toBe(false);
    expect(defaultOrganization(m).items.map((i) => [i.identifier, i.launch])).toEqual([
      ['MOD-1', null],
      ['MOD-2', null],
    ]);
  });

  it('uses the first organization when none is the default, and builds one when there are none', () => {
    const noDefault =
      parseManifest(`<manifest identifier="m"><organizations><organization identifier="a"><title>A</title>
      <item identifier="i" identifierref="r"><title>I</title></item></organization></organizations>
      <resources><resource identifier="r" href="a.html"/></resources></manifest>`);
    const none = parseManifest(`<manifest identifier="m"><organizations/>
      <resources><resource identifier="r" href="a.html"/><resource identifier="lib"><file href="x.js"/></resource></resources></manifest>`);

    expect(noDefault.ok && noDefault.manifest.defaultOrganization).toBe('a');
    expect(none.ok && launchables(none.manifest).map((x) => x.item.launch)).toEqual(['a.html']);
    expect(none.ok && defaultOrganization(none.manifest).synthetic).toBe(true);
  });

  it('reads titles and description from inline LOM metadata', () => {
    const r = parseManifest(`<manifest identifier="m"><metadata><schemaversion>2004 4th Edition</schemaversion>
      <lom xmlns="http://ltsc.ieee.org/xsd/LOM"><general><title><string language="en">Courts</string></title>
      <description><string language="en">About courts.</string></description></general></lom></metadata>
      <organizations/><resources><resource identifier="r" href="a.html"/></resources></manifest>`);

    expect(r.ok && r.manifest.metadata).toMatchObject({
      title: 'Courts',
      description: 'About courts.',
      schemaVersion: '2004 4th Edition',
    });
  });
});

describe('launch URLs', () => {
  it('joins xml:base values and refuses paths that leave the package', () => {
    expect(resolveHref(['content/', 'm1/'], 'a.html')).toBe('content/m1/a.html');
    expect(resolveHref(['content/'], '../../etc/passwd')).toBeNull();
    expect(resolveHref([null], 'https://example.org/x')).toBe('https://example.org/x');
  });

  it('appends parameters as CAM 1.3 says', () => {
    expect(withParameters('a.html', '?x=1')).toBe('a.html?x=1');
    expect(withParameters('a.html?y=2', '&x=1')).toBe('a.html?y=2&x=1');
    expect(withParameters('a.html', '#p3')).toBe('a.html#p3');
    expect(withParameters('a.html#p1', '#p3')).toBe('a.html#p1');
  });
});

describe('broken SCORM packages', () => {
  for (const [name, { files, expect: phrases }] of Object.entries(brokenScormPackages)) {
    it(`refuses ${name} with every reason`, async () => {
      const r = await check(files());

      expect(r.ok).toBe(false);
      for (const phrase of phrases) expect(r.ok ? [] : r.problems).toContainEqual(expect.stringMatching(phrase));
    });
  }

  it('lists every structural problem of one manifest at once', () => {
    const r =
      parseManifest(`<manifest identifier="m"><organizations default="nope"><organization identifier="o"><title>T</title>
      <item identifier="i" identifierref="missing"><title>I</title></item><item identifier="i" identifierref="r"><title>J</title></item>
      </organization></organizations><resources><resource identifier="r" href="a.html"><dependency identifierref="gone"/>
      </resource></resources></manifest>`);

    expect(r.ok ? [] : r.problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('"gone", which the manifest does not define'),
        expect.stringContaining('"missing", which the manifest does not define'),
        expect.stringContaining('"i" is used twice'),
        expect.stringContaining('default organization "nope"'),
      ]),
    );
  });

  it('refuses entity declarations before parsing', () => {
    const r = parseManifest('<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaa">]><manifest>&a;</manifest>');

    expect(r.ok ? [] : r.problems).toEqual([expect.stringContaining('entity declarations are not allowed')]);
  });

  it('refuses a resource path that climbs out of the package', () => {
    const r = parseManifest(`<manifest identifier="m"><organizations/><resources>
      <resource identifier="r" href="../../secret.html"/></resources></manifest>`);

    expect(r.ok ? [] : r.problems).toContainEqual(expect.stringContaining('points outside the package'));
  });
});
