import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { CompletionHook, CourseCompletedEvent } from '../../server/learning/course-completion.js';
import { platformEntry } from '../../server/ledger/platform.js';
import { registeredAgent, submitForm, type Agent } from '../support/app.js';
import { COURSE, csrfOf, learningApp, m1Answers, markDone, startAttempt, submitAttempt } from '../support/learning.js';

const REQUIRED_LESSONS = ['m1-basics/lessons/l1-welcome', 'm1-basics/lessons/l2-rules', 'm2-practice/lessons/l1-apply'];
/** The verbs of a registration's statements, read straight from the SQLite file (the LRS query API is another feature). */
function verbsOf(file: string, registration: string): string[] {
  const db = new Database(file, { readonly: true });
  const rows = db.prepare('SELECT verb FROM statements WHERE registration = ? ORDER BY seq').all(registration) as {
    verb: string;
  }[];
  db.close();
  return rows.map((r) => r.verb.replace('http://adlnet.gov/expapi/verbs/', ''));
}

async function enrolled() {
  const t = await learningApp();
  const { agent, email } = await registeredAgent(t.app);
  const enrol = await submitForm(agent, COURSE, `${COURSE}/enrol`, {});
  const user = (await t.deps.store.users.findByEmail(email))!;
  const enrolment = (await t.deps.store.learning.findEnrolment(user.id, 'fixture-course'))!;
  return { t, agent, user, enrolment, enrol };
}

async function passQuiz(agent: Agent, quizId: string, fields: Record<string, string | string[]>) {
  const url = await startAttempt(agent, quizId);
  return submitAttempt(agent, url, fields);
}

describe('the learner journey', () => {
  it('shows the catalogue with languages, filters by language and audience', async () => {
    const t = await learningApp();

    const agent = (await registeredAgent(t.app)).agent;
    const list = await agent.get('/courses');
    const french = await agent.get('/courses?language=fr&audience=police');
    const arabic = await agent.get('/courses?language=ar');
    const judges = await agent.get('/courses?audience=judiciary');

    expect(list.status).toBe(200);
    expect(list.text).toContain('href="/courses/fixture-course"');
    expect(list.text).toContain('<span lang="fr">Français</span>');
    expect(french.text).toContain('href="/courses/fixture-course"');
    expect(arabic.text).toContain('No course matches these filters.');
    expect(judges.text).toContain('No course matches these filters.');
  });

  it('asks a visitor to sign in before enrolling, and sends lesson visitors to the course page until enrolled', async () => {
    const t = await learningApp();
    const { agent } = await registeredAgent(t.app);
    const anonymous = await (await import('supertest')).default(t.app).get(COURSE);

    const lesson = await agent.get(`${COURSE}/modules/m1-basics/lessons/l1-welcome`);

    expect(anonymous.text).toContain('Sign in to enrol');
    expect(lesson.status).toBe(303);
    expect(lesson.headers.location).toBe(COURSE);
  });

  it('enrols once, even when the form is posted twice, with one registered statement', async () => {
    const { t, agent, user, enrol } = await enrolled();
    const before = await t.deps.store.statements.count();

    const again = await submitForm(agent, COURSE, `${COURSE}/enrol`, {});

    expect(enrol.status).toBe(303);
    expect(again.status).toBe(303);
    expect(await t.deps.store.learning.enrolmentsOf(user.id)).toHaveLength(1);
    expect(await t.deps.store.statements.count()).toBe(before);
    expect(before).toBe(1);
  });

  it('shows a lesson with objectives, progress bars, previous/next and a mark-as-done form', async () => {
    const { agent } = await enrolled();

    const first = await agent.get(`${COURSE}/modules/m1-basics/lessons/l1-welcome`);
    const last = await agent.get(`${COURSE}/modules/m1-basics/lessons/l2-rules`);

    expect(first.status).toBe(200);
    expect(first.text).toContain('In this module you will learn to');
    expect(first.text).toContain('Name the basics');
    expect(first.text).toMatch(/<progress aria-labelledby="course-progress" max="5" value="0">/);
    expect(first.text).toContain('Mark this lesson as done');
    expect(first.text).toContain('rel="next" href="/courses/fixture-course/modules/m1-basics/lessons/l2-rules"');
    expect(last.text).toContain('Module summary');
    expect(last.text).toContain('rel="prev"');
    expect(last.text).toContain('rel="next" href="/courses/fixture-course/quizzes/m1-quiz"');
  });

  it('marks a lesson done once when the form is posted twice, and moves on to the next step', async () => {
    const { t, agent, enrolment } = await enrolled();

    const first = await markDone(agent, 'm1-basics/lessons/l1-welcome');
    const count = await t.deps.store.statements.count();
    const second = await markDone(agent, 'm1-basics/lessons/l1-welcome');

    expect(first.status).toBe(303);
    expect(first.headers.location).toBe(`${COURSE}/modules/m1-basics/lessons/l2-rules`);
    expect(second.status).toBe(303);
    expect((await t.deps.store.learning.progress(enrolment.id))?.doneLessons).toHaveLength(1);
    // The second visit reloads the lesson the learner is on: the same visit, so nothing new at all.
    expect(await t.deps.store.statements.count()).toBe(count);
  });

  it('records one "experienced" per visit: a reload is the same visit, another lesson and back is a new one', async () => {
    const { t, agent, enrolment } = await enrolled();
    const l1 = `${COURSE}/modules/m1-basics/lessons/l1-welcome`;
    const l2 = `${COURSE}/modules/m1-basics/lessons/l2-rules`;

    const before = await t.deps.store.statements.count();
    for (const path of [l1, l1, l1, l2, l2, l1]) expect((await agent.get(path)).status).toBe(200);

    expect(await t.deps.store.statements.count()).toBe(before + 3);
    expect((await t.deps.store.learning.findEnrolment(enrolment.userId, 'fixture-course'))?.lastLessonId).toBe(
      'l1-welcome',
    );
  });

  it('records each lesson once under a concurrent double submit', async () => {
    const { t, agent, enrolment } = await enrolled();
    const page = await agent.get(`${COURSE}/modules/m1-basics/lessons/l1-welcome`);
    const post = (lesson: string) =>
      agent
        .post(`${COURSE}/modules/${lesson}/done`)
        .type('form')
        .send({ _csrf: csrfOf(page.text) });

    const results = await Promise.all([
      post('m1-basics/lessons/l1-welcome'),
      post('m1-basics/lessons/l1-welcome'),
      post('m1-basics/lessons/l2-rules'),
      post('m1-basics/lessons/l2-rules'),
    ]);

    expect(results.map((r) => r.status)).toEqual([303, 303, 303, 303]);
    const p = (await t.deps.store.learning.progress(enrolment.id))!;
    expect(p.doneLessons.map((l) => l.lessonId).sort()).toEqual(['l1-welcome', 'l2-rules']);
    expect(p.enrolment.version).toBe(3);
  });

  it('fails a quiz with feedback, allows a retry, passes, and completes the module', async () => {
    const { t, agent, enrolment } = await enrolled();
    for (const l of REQUIRED_LESSONS.slice(0, 2)) await markDone(agent, l);

    const failed = await passQuiz(agent, 'm1-quiz', m1Answers(false));
    const failedPage = await agent.get(failed.headers.location);
    const passed = await passQuiz(agent, 'm1-quiz', m1Answers(true));
    const passedPage = await agent.get(passed.headers.location);
    const quizPage = await agent.get(`${COURSE}/quizzes/m1-quiz`);

    expect(failedPage.text).toContain('You did not pass this time');
    expect(failedPage.text).toContain('You scored 3 out of 5 (60%).');
    expect(failedPage.text).toContain('It is blue.');
    expect(failedPage.text).toContain('Try again');
    expect(passedPage.text).toContain('Well done: you passed');
    expect(quizPage.text).toContain('Attempts left: 1');
    const p = (await t.deps.store.learning.progress(enrolment.id))!;
    expect(p.attempts.map((a) => a.passed)).toEqual([false, true]);
    expect(p.completedModules.map((m) => m.moduleId)).toEqual(['m1-basics']);
  });

  it('grades a submission once when the answers are posted twice, concurrently', async () => {
    const { t, agent, enrolment } = await enrolled();
    const url = await startAttempt(agent, 'm1-quiz');
    const page = await agent.get(url);
    const post = () =>
      agent
        .post(url)
        .type('form')
        .send({ ...m1Answers(true), _csrf: csrfOf(page.text) });
    const before = await t.deps.store.statements.count();

    const results = await Promise.all([post(), post()]);
    const late = await post();

    expect([...results, late].map((r) => r.status)).toEqual([303, 303, 303]);
    const p = (await t.deps.store.learning.progress(enrolment.id))!;
    expect(p.attempts).toHaveLength(1);
    expect(p.attempts[0]).toMatchObject({ score: 5, maxScore: 5, passed: true });
    expect(await t.deps.store.statements.count()).toBe(before + 6); // 5 answered + 1 passed
  });

  it('stops at the attempt limit', async () => {
    const { agent } = await enrolled();
    for (let i = 0; i < 3; i++) await passQuiz(agent, 'm1-quiz', m1Answers(false));

    const page = await agent.get(`${COURSE}/quizzes/m1-quiz`);
    const start = await agent
      .post(`${COURSE}/quizzes/m1-quiz/attempts`)
      .type('form')
      .send({ _csrf: csrfOf(page.text) });

    expect(page.text).toContain('You have used every attempt allowed for this quiz.');
    expect(start.status).toBe(303);
    expect(start.headers.location).toBe(`${COURSE}/quizzes/m1-quiz`);
  });

  it('completes the course once, calls the completion hooks inside the same change, and shows it in My learning', async () => {
    const events: CourseCompletedEvent[] = [];
    const hookStatement = randomUUID();
    const hook: CompletionHook = (e) => {
      events.push(e);
      return {
        entries: [
          platformEntry(
            {
              id: hookStatement,
              actor: { objectType: 'Agent', account: { homePage: 'https://praxis.test', name: e.user.id } },
              verb: { id: 'https://praxis.test/verbs/certified' },
              object: { objectType: 'Activity', id: `https://praxis.test/courses/${e.course.slug}` },
            },
            { publicUrl: 'https://praxis.test', now: e.completedAt },
          ),
        ],
      };
    };
    const t = await learningApp([hook], true);
    const { agent, email } = await registeredAgent(t.app);
    await submitForm(agent, COURSE, `${COURSE}/enrol`, {});
    const pre = await passQuiz(agent, 'pre-test', { 'a.tf1': 'false' });
    for (const l of REQUIRED_LESSONS) await markDone(agent, l);
    await passQuiz(agent, 'm1-quiz', m1Answers(true));

    const final = await passQuiz(agent, 'final', { 'a.f1': 'a', 'a.f2': 'false' });
    const result = await agent.get(final.headers.location);
    const my = await agent.get('/my');
    const course = await agent.get(COURSE);

    const user = (await t.deps.store.users.findByEmail(email))!;
    const enrolment = (await t.deps.store.learning.findEnrolment(user.id, 'fixture-course'))!;
    expect((await agent.get(pre.headers.location)).text).toContain('Thank you: your answers are recorded');
    expect(result.text).toContain('Congratulations: you have completed the course.');
    expect(enrolment.completedAt).toBeInstanceOf(Date);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      registration: enrolment.id,
      user: { id: user.id },
      course: { slug: 'fixture-course', version: '1.2.0', certificate: true, languages: ['en', 'fr'] },
    });
    expect(await t.deps.store.statements.get(hookStatement)).not.toBeNull();
    expect(my.text).toMatch(
      /Completed courses<\/h2>\s*<ul><li><a href="\/courses\/fixture-course">Fixture course<\/a>/,
    );
    expect(course.text).toContain('You completed this course on');
    const p = (await t.deps.store.learning.progress(enrolment.id))!;
    expect(p.completedModules.map((m) => m.moduleId).sort()).toEqual(['m1-basics', 'm2-practice']);
    const verbs = verbsOf(t.file!, enrolment.id);
    expect(verbs.filter((v) => v === 'registered')).toHaveLength(1);
    expect(verbs.filter((v) => v === 'attempted')).toHaveLength(3);
    expect(verbs.filter((v) => v === 'answered')).toHaveLength(1 + 5 + 2);
    expect(verbs.filter((v) => v === 'passed')).toHaveLength(2);
    expect(verbs.filter((v) => v === 'completed')).toHaveLength(1 + 3 + 2 + 1); // pre-test, lessons, modules, course
    expect(verbs.at(-1)).toBe('completed');
  });

  it('shows a lesson in French, and falls back to the default language with a note where no translation exists', async () => {
    const { agent } = await enrolled();
    await agent.get('/lang/fr');

    const french = await agent.get(`${COURSE}/modules/m1-basics/lessons/l1-welcome`);
    await agent.get('/lang/zh');
    const chinese = await agent.get(`${COURSE}/modules/m1-basics/lessons/l1-welcome`);
    await agent.get('/lang/ar');
    const arabic = await agent.get(`${COURSE}/modules/m1-basics/lessons/l1-welcome`);

    expect(french.text).toContain('<article lang="fr" class="lesson">');
    expect(french.text).toContain('Bienvenue dans le');
    expect(chinese.text).toContain('<article lang="en" class="lesson">');
    expect(chinese.text).toContain('class="alert alert-info" lang="zh"');
    expect(arabic.text).toContain('<html lang="ar" dir="rtl">');
    expect(arabic.text).toContain('<article lang="ar" class="lesson">');
  });

  it('serves package assets and nothing outside them', async () => {
    const { agent } = await enrolled();

    const image = await agent.get(`${COURSE}/assets/diagram.png`);
    const traversal = await agent.get(`${COURSE}/assets/..%2fcourse.yaml`);
    const dotted = await agent.get(`${COURSE}/assets/../course.yaml`);
    const unknown = await agent.get('/courses/nope/assets/diagram.png');

    expect(image.status).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(traversal.status).toBe(404);
    expect(dotted.status).toBe(404);
    expect(unknown.status).toBe(404);
  });

  it('shows broken course packages to administrators only', async () => {
    const { testApp, signedInWithRoles } = await import('../support/app.js');
    const t = await testApp({ COURSES_DIR: new URL('../fixtures/courses/broken', import.meta.url).pathname });
    const admin = await signedInWithRoles(t, ['learner', 'admin']);
    const learner = await registeredAgent(t.app);

    const page = await admin.agent.get('/admin/courses');
    const refused = await learner.agent.get('/admin/courses');
    const catalogue = await learner.agent.get('/courses');

    expect(page.status).toBe(200);
    expect(page.text).toContain('modules[0].quiz: no quiz &quot;m3-quiz&quot; in quizzes/');
    expect(refused.status).toBe(403);
    expect(catalogue.text).toContain('href="/courses/ok-neighbour"');
    expect(catalogue.text).not.toContain('href="/courses/missing-quiz"');
  });

  it('answers 404 for unknown courses, lessons and quizzes', async () => {
    const { agent } = await enrolled();

    expect((await agent.get('/courses/nope')).status).toBe(404);
    expect((await agent.get(`${COURSE}/modules/m1-basics/lessons/nope`)).status).toBe(404);
    expect((await agent.get(`${COURSE}/quizzes/nope`)).status).toBe(404);
    expect((await agent.get(`${COURSE}/quizzes/m1-quiz/attempts/${randomUUID()}`)).status).toBe(404);
    expect((await agent.get(`${COURSE}/quizzes/m1-quiz/attempts/not-a-uuid`)).status).toBe(400);
  });
});
