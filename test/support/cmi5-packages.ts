import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeZip, type ZipEntry } from './zip.js';

/**
 * Our own cmi5 packages for the tests: small AUs that do what an authoring tool's AU does (cmi5 spec
 * sections 8-10) — read the launch parameters, spend the fetch URL once, read LMS.LaunchData, send
 * initialized, then completed / passed / failed with a score on the learner's click, and terminated.
 */
export interface TestAu {
  id: string;
  title: string;
  moveOn?: string;
  masteryScore?: number;
  launchMethod?: string;
  url?: string;
}

const AU_SCRIPT = `
(function () {
  var q = new URLSearchParams(location.search);
  var endpoint = q.get('endpoint'), fetchUrl = q.get('fetch'), actor = JSON.parse(q.get('actor'));
  var registration = q.get('registration'), activityId = q.get('activityId');
  var auth, launchData, out = document.getElementById('log');
  function log(m) { out.textContent += m + '\\n'; }
  function uuid() { return crypto.randomUUID(); }
  function xapi(method, path, body) {
    return fetch(endpoint.replace(/\\/?$/, '/') + path, { method: method, headers: { Authorization: auth, 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json' }, body: body && JSON.stringify(body) });
  }
  function statement(verb, extra) {
    var ctx = JSON.parse(JSON.stringify(launchData.contextTemplate));
    ctx.registration = registration;
    ctx.contextActivities = ctx.contextActivities || {};
    if (verb !== 'progressed') ctx.contextActivities.category = [{ id: 'https://w3id.org/xapi/cmi5/context/categories/cmi5' }];
    if (['completed', 'passed', 'failed'].indexOf(verb) >= 0) ctx.contextActivities.category.push({ id: 'https://w3id.org/xapi/cmi5/context/categories/moveon' });
    if ((verb === 'passed' || verb === 'failed') && launchData.masteryScore !== undefined) { ctx.extensions = ctx.extensions || {}; ctx.extensions['https://w3id.org/xapi/cmi5/context/extensions/masteryscore'] = launchData.masteryScore; }
    var s = { id: uuid(), actor: actor, verb: { id: 'http://adlnet.gov/expapi/verbs/' + verb, display: { en: verb } }, object: { id: activityId, objectType: 'Activity' }, context: ctx, timestamp: new Date().toISOString() };
    for (var k in extra || {}) s[k] = extra[k];
    return xapi('POST', 'statements', s).then(function (r) { log(verb + ' ' + r.status); return r; });
  }
  fetch(fetchUrl, { method: 'POST' }).then(function (r) { return r.json(); }).then(function (j) {
    auth = 'Basic ' + j['auth-token'];
    var params = new URLSearchParams({ stateId: 'LMS.LaunchData', activityId: activityId, agent: JSON.stringify(actor), registration: registration });
    return xapi('GET', 'activities/state?' + params.toString());
  }).then(function (r) { return r.json(); }).then(function (d) {
    launchData = d;
    // cmi5 11.0.0.0-3: the AU reads its learner's preferences before it sends initialized.
    return xapi('GET', 'agents/profile?' + new URLSearchParams({ profileId: 'cmi5LearnerPreferences', agent: JSON.stringify(actor) }).toString());
  }).then(function () {
    var d = launchData;
    document.getElementById('mode').textContent = d.launchMode;
    return statement('initialized');
  }).then(function () {
    document.body.dataset.ready = 'true';
  }).catch(function (e) { log('error ' + e); });
  document.getElementById('complete').onclick = function () { statement('completed', { result: { completion: true, duration: 'PT30S' } }); };
  document.getElementById('pass').onclick = function () { statement('passed', { result: { success: true, score: { scaled: 0.9 }, duration: 'PT40S' } }); };
  document.getElementById('fail').onclick = function () { statement('failed', { result: { success: false, score: { scaled: 0.3 }, duration: 'PT40S' } }); };
  document.getElementById('exit').onclick = function () {
    statement('terminated', { result: { duration: 'PT1M' } }).then(function () { if (launchData.returnURL) top.location.href = launchData.returnURL; });
  };
})();
`;

const auPage = (
  title: string,
) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>
<body><h1>${title}</h1><p>Mode: <span id="mode"></span></p>
<button id="complete">Complete</button> <button id="pass">Pass with 90%</button> <button id="fail">Fail with 30%</button> <button id="exit">Exit</button>
<pre id="log"></pre><script src="au.js"></script></body></html>`;

export function cmi5Xml(opts: {
  courseId: string;
  title: string;
  aus: TestAu[];
  blocks?: boolean;
  lang?: string;
}): string {
  const lang = opts.lang ?? 'en-US';
  const ls = (t: string) => `<langstring lang="${lang}">${t}</langstring>`;
  const au = (
    a: TestAu,
  ) => `<au id="${a.id}"${a.moveOn ? ` moveOn="${a.moveOn}"` : ''}${a.masteryScore !== undefined ? ` masteryScore="${a.masteryScore}"` : ''}${a.launchMethod ? ` launchMethod="${a.launchMethod}"` : ''}>
    <title>${ls(a.title)}</title><description>${ls(`${a.title}, a test AU.`)}</description><url>${a.url ?? 'au.html'}</url></au>`;
  const body = opts.blocks
    ? opts.aus
        .map(
          (a, i) =>
            `<block id="${opts.courseId}/block/${i + 1}"><title>${ls(`Block ${i + 1}`)}</title><description>${ls('A block.')}</description>${au(a)}</block>`,
        )
        .join('\n')
    : opts.aus.map(au).join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="${opts.courseId}"><title>${ls(opts.title)}</title><description>${ls(`${opts.title}: a course written for the tests.`)}</description></course>
  ${body}
</courseStructure>`;
}

/** A cmi5 package zip in a temp folder; `extra` adds (or, hostile, replaces) entries. */
export function cmi5Package(
  opts: { courseId?: string; title?: string; aus?: TestAu[]; blocks?: boolean; extra?: ZipEntry[]; xml?: string } = {},
): string {
  const courseId = opts.courseId ?? 'https://praxis.example.org/test/cmi5/road-safety';
  const aus = opts.aus ?? [
    { id: `${courseId}/au/1`, title: 'Stopping distances', moveOn: 'Completed' },
    { id: `${courseId}/au/2`, title: 'Check your knowledge', moveOn: 'Passed', masteryScore: 0.8 },
  ];
  const entries: ZipEntry[] = [
    {
      name: 'cmi5.xml',
      data:
        opts.xml ??
        cmi5Xml({ courseId, title: opts.title ?? 'Road safety for first responders', aus, blocks: opts.blocks }),
    },
    { name: 'au.html', data: auPage('Road safety unit') },
    { name: 'au.js', data: AU_SCRIPT },
    ...(opts.extra ?? []),
  ];
  return writeZip(join(mkdtempSync(join(tmpdir(), 'praxis-cmi5-')), 'package.zip'), entries);
}
