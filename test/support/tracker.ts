import { registeredAgent, submitForm } from './app.js';
import { COURSE, learningApp } from './learning.js';
import { V } from './xapi.js';

export const LESSON = `${COURSE}/modules/m1-basics/lessons/l1-welcome`;

/** The data- attributes the lesson page gives the tracker. */
export function trackerData(html: string): Record<string, string> {
  const tag = /<div id="xapi-tracker"[^>]*>/.exec(html)?.[0] ?? '';
  const unescapeHtml = (v: string) =>
    v
      .replace(/&quot;/g, '"')
      .replace(/&#x3D;/g, '=')
      .replace(/&amp;/g, '&');
  return Object.fromEntries([...tag.matchAll(/data-([a-z]+)="([^"]*)"/g)].map((m) => [m[1], unescapeHtml(m[2])]));
}

/** An enrolled learner who opened a lesson page, with the token that page carries. */
export async function learnerOnLesson() {
  const t = await learningApp();
  const { agent, email } = await registeredAgent(t.app);
  await submitForm(agent, COURSE, `${COURSE}/enrol`, {});
  const user = (await t.deps.store.users.findByEmail(email))!;
  const enrolment = (await t.deps.store.learning.findEnrolment(user.id, 'fixture-course'))!;
  const page = await agent.get(LESSON);
  const data = trackerData(page.text);
  return { t, agent, user, enrolment, page, data, bearer: { Authorization: `Bearer ${data.token}`, ...V } };
}

/** A progressed statement as the tracker builds it; `over` replaces top-level parts. */
export function aProgressed(data: Record<string, string>, over: Record<string, unknown> = {}) {
  return {
    id: crypto.randomUUID(),
    actor: JSON.parse(data.actor),
    verb: { id: 'http://adlnet.gov/expapi/verbs/progressed', display: { en: 'progressed' } },
    object: {
      objectType: 'Activity',
      id: data.lesson,
      definition: { type: 'http://adlnet.gov/expapi/activities/lesson' },
    },
    result: { duration: 'PT42.5S', extensions: { 'https://w3id.org/xapi/cmi5/result/extensions/progress': 60 } },
    context: {
      registration: data.registration,
      language: data.language,
      platform: 'Praxis',
      contextActivities: {
        parent: [{ objectType: 'Activity', id: data.module }],
        grouping: [{ objectType: 'Activity', id: data.course }],
      },
    },
    timestamp: new Date(Date.now() - 60_000).toISOString(),
    ...over,
  };
}
