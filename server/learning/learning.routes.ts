import { Router, type NextFunction, type Request, type Response } from 'express';
import type { AppDeps } from '../deps.js';
import { currentUser, requireUser } from '../http/auth.js';
import { setNotice } from '../http/notice.js';
import { LANGUAGE_NAMES, isLanguage } from '../http/i18n.js';
import { nextStep } from './completion.js';
import { attemptsLeft } from './grading.js';
import { AttemptLimitError, NotEnrolledError, factsOf } from './learning-service.js';
import {
  courseBarView,
  lessonNeighbours,
  quizFormView,
  quizHref,
  resultView,
  stepHref,
  texts,
} from './learning-views.js';
import { AttemptParams, CourseParams, DoneBody, LessonParams, QuizParams, parseAnswers } from './learning.schema.js';
import { OFFLINE_PREFETCH_HEADER } from './offline-plan.js';
import { myLearningView } from './my-learning.js';
import { TRACKER_SCRIPTS, trackerView } from './tracker-view.js';
import { myCertificatesView } from '../certificates/my-certificates.js';

/** Not enrolled yet: back to the course page, where the enrol button is. */
const toCourse =
  (fn: (req: Request, res: Response) => Promise<void>) => async (req: Request, res: Response, next: NextFunction) => {
    try {
      await fn(req, res);
    } catch (err) {
      if (err instanceof NotEnrolledError) return res.redirect(303, `/courses/${err.slug}`);
      next(err);
    }
  };

export function learningRoutes(
  deps: Pick<AppDeps, 'catalogue' | 'certificates' | 'config' | 'learning' | 'xapi'>,
): Router {
  const router = Router();
  const { catalogue, learning } = deps;
  /** What an attempt's pages start from: its course, quiz and attempt (the learner's own), in their language. */
  const attemptPage = async (req: Request) => {
    const { slug, quizId, attemptId } = AttemptParams.parse(req.params);
    const course = catalogue.get(slug);
    const quiz = catalogue.quiz(course, quizId);
    const attempt = await learning.requireAttempt(currentUser(req), slug, quizId, attemptId);
    return { slug, quizId, attemptId, course, quiz, attempt, t: texts(course, req.lang) };
  };

  router.post('/courses/:slug/enrol', requireUser, async (req, res) => {
    const { slug } = CourseParams.parse(req.params);
    await learning.enrol(currentUser(req), slug, req.lang);
    // The course page then confirms at the top, with the first step (on a phone the outline is far below).
    res.redirect(303, `/courses/${slug}?enrolled=1#enrolled`);
  });

  router.get(
    '/courses/:slug/modules/:moduleId/lessons/:lessonId',
    requireUser,
    toCourse(async (req, res) => {
      const { slug, moduleId, lessonId } = LessonParams.parse(req.params);
      const course = catalogue.get(slug);
      // A package's lessons are its units: they open in the package player.
      if (course.package) return res.redirect(303, `/courses/${slug}/play/${moduleId}/${lessonId}`);
      const lesson = catalogue.lesson(course, moduleId, lessonId);
      // Saved for offline reading, not read: the page's tracker says `experienced` when it is opened.
      const prefetched = req.get(OFFLINE_PREFETCH_HEADER) === '1';
      // HEAD is safe (RFC 9110): a link checker or prefetcher reads the headers without a reading being recorded.
      const progress =
        prefetched || req.method === 'HEAD'
          ? await learning.requireProgress(currentUser(req), slug)
          : await learning.openLesson(currentUser(req), slug, moduleId, lessonId, req.lang);
      const facts = factsOf(progress);
      const mod = catalogue.module(course, moduleId);
      const t = texts(course, req.lang);
      const content = catalogue.lessonHtml(course, lesson, req.lang);
      const index = mod.lessons.findIndex((l) => l.id === lessonId);
      const moduleDone = mod.lessons.filter((l) => facts.doneLessons.has(`${mod.id}/${l.id}`)).length;
      const user = currentUser(req);
      const { token, expiresAt } = deps.xapi.learnerTokens.issue({
        userId: user.id,
        registration: progress.enrolment.id,
        courseSlug: slug,
      });
      // The page carries a bearer token: never kept by a shared cache.
      res.set('Cache-Control', 'private, no-cache');
      res.render('learning/lesson', {
        title: t(lesson.title)!.value,
        slug,
        courseTitle: t(course.manifest.title),
        moduleTitle: t(mod.title),
        lessonTitle: t(lesson.title),
        moduleNumber: course.modules.indexOf(mod) + 1,
        lessonNumber: index + 1,
        lessonCount: mod.lessons.length,
        minutes: lesson.minutes,
        html: content.value,
        contentLang: content.lang,
        fallback: content.fallback && {
          language: isLanguage(req.lang) ? LANGUAGE_NAMES[req.lang] : req.lang,
          fallback: LANGUAGE_NAMES[content.lang],
        },
        objectives: index === 0 ? t(mod.objectives) : null,
        summary: index === mod.lessons.length - 1 ? t(mod.summary) : null,
        done: facts.doneLessons.has(`${moduleId}/${lessonId}`),
        courseBar: courseBarView(course, facts),
        moduleBar: {
          done: moduleDone,
          total: mod.lessons.length,
          percent: Math.round((moduleDone / mod.lessons.length) * 100),
        },
        ...lessonNeighbours(course, moduleId, lessonId, req.lang),
        action: req.path,
        tracker: {
          ...trackerView({
            publicUrl: deps.config.PUBLIC_URL,
            token,
            expiresAt,
            userId: user.id,
            registration: progress.enrolment.id,
            slug,
            moduleId,
            lessonId,
            language: req.lang,
          }),
          prefetched,
        },
        scripts: TRACKER_SCRIPTS,
      });
    }),
  );

  router.post(
    '/courses/:slug/modules/:moduleId/lessons/:lessonId/done',
    requireUser,
    toCourse(async (req, res) => {
      const { slug, moduleId, lessonId } = LessonParams.parse(req.params);
      const { doneAt } = DoneBody.parse(req.body ?? {});
      const { recorded } = await learning.markLessonDone(currentUser(req), slug, moduleId, lessonId, req.lang, doneAt);
      const course = catalogue.get(slug);
      const progress = await learning.requireProgress(currentUser(req), slug);
      // The offline queue replays with fetch and reads the outcome; forms get the next step.
      if (req.accepts(['html', 'json']) === 'json')
        return void res.json({ recorded, bar: courseBarView(course, factsOf(progress)) });
      setNotice(req, res, 'lessonDone');
      res.redirect(303, stepHref(slug, nextStep(course, factsOf(progress), { moduleId, lessonId })));
    }),
  );

  router.get(
    '/courses/:slug/quizzes/:quizId',
    requireUser,
    toCourse(async (req, res) => {
      const { slug, quizId } = QuizParams.parse(req.params);
      const course = catalogue.get(slug);
      const quiz = catalogue.quiz(course, quizId);
      const progress = await learning.requireProgress(currentUser(req), slug);
      const t = texts(course, req.lang);
      const mine = progress.attempts.filter((a) => a.quizId === quizId);
      const submitted = mine.filter((a) => a.submittedAt);
      res.render('learning/quiz', {
        title: t(quiz.title)!.value,
        slug,
        courseTitle: t(course.manifest.title),
        quizTitle: t(quiz.title),
        quizId,
        kind: quiz.kind,
        questions: quiz.questions.length,
        passMark: Math.round(quiz.passMark * 100),
        maxAttempts: quiz.maxAttempts,
        attemptsLeft: attemptsLeft(quiz, submitted.length),
        open: mine.some((a) => !a.submittedAt),
        history: submitted.map((a, i) => ({
          ordinal: i + 1,
          score: a.score,
          max: a.maxScore,
          passed: a.passed,
          at: a.submittedAt,
          href: `${quizHref(slug, quizId)}/attempts/${a.id}/result`,
        })),
        passed: submitted.some((a) => a.passed),
      });
    }),
  );

  router.post(
    '/courses/:slug/quizzes/:quizId/attempts',
    requireUser,
    toCourse(async (req, res) => {
      const { slug, quizId } = QuizParams.parse(req.params);
      try {
        const attempt = await learning.startAttempt(currentUser(req), slug, quizId, req.lang);
        res.redirect(303, `${quizHref(slug, quizId)}/attempts/${attempt.id}`);
      } catch (err) {
        if (!(err instanceof AttemptLimitError)) throw err;
        res.redirect(303, quizHref(slug, quizId));
      }
    }),
  );

  router.get(
    '/courses/:slug/quizzes/:quizId/attempts/:attemptId',
    requireUser,
    toCourse(async (req, res) => {
      const { slug, course, quiz, attempt, t } = await attemptPage(req);
      if (attempt.submittedAt) return res.redirect(303, `${req.path}/result`);
      res.render('learning/attempt', {
        title: t(quiz.title)!.value,
        slug,
        quizTitle: t(quiz.title),
        courseTitle: t(course.manifest.title),
        questions: quizFormView(course, quiz, attempt, req.lang),
        action: req.path,
      });
    }),
  );

  router.post(
    '/courses/:slug/quizzes/:quizId/attempts/:attemptId',
    requireUser,
    toCourse(async (req, res) => {
      const { slug, quizId, attemptId } = AttemptParams.parse(req.params);
      const quiz = catalogue.quiz(catalogue.get(slug), quizId);
      const answers = parseAnswers(quiz, req.body);
      try {
        await learning.submitAttempt(currentUser(req), slug, quizId, attemptId, answers, req.lang);
      } catch (err) {
        if (!(err instanceof AttemptLimitError)) throw err;
        return res.redirect(303, quizHref(slug, quizId));
      }
      res.redirect(303, `${req.path}/result`);
    }),
  );

  router.get(
    '/courses/:slug/quizzes/:quizId/attempts/:attemptId/result',
    requireUser,
    toCourse(async (req, res) => {
      const { slug, quizId, attemptId, course, quiz, attempt, t } = await attemptPage(req);
      if (!attempt.submittedAt) return res.redirect(303, `${quizHref(slug, quizId)}/attempts/${attemptId}`);
      const progress = await learning.requireProgress(currentUser(req), slug);
      const facts = factsOf(progress);
      res.render('learning/result', {
        title: t(quiz.title)!.value,
        slug,
        quizTitle: t(quiz.title),
        courseTitle: t(course.manifest.title),
        quizHref: quizHref(slug, quizId),
        result: resultView(course, quiz, attempt, req.lang),
        courseComplete: !!progress.enrolment.completedAt,
        nextHref: stepHref(slug, nextStep(course, facts)),
      });
    }),
  );

  router.get('/my', requireUser, async (req, res) => {
    res.render('learning/my', {
      title: req.t('learning:my.title'),
      ...(await myLearningView(deps, currentUser(req), req.lang)),
      certificates: await myCertificatesView(deps.certificates, currentUser(req), req.lang),
    });
  });

  return router;
}
