import { Router, type Request } from 'express';
import type { AppDeps } from '../deps.js';
import { LANGUAGE_NAMES, isLanguage } from '../http/i18n.js';
import { courseBarView, outlineView, stepHref, stepTitle, texts } from '../learning/learning-views.js';
import { factsOf } from '../learning/learning-service.js';
import { nextStep } from '../learning/completion.js';
import { CatalogueQuery, CourseParams } from '../learning/learning.schema.js';

const languageName = (code: string) => (isLanguage(code) ? LANGUAGE_NAMES[code] : code);

export function courseRoutes(deps: Pick<AppDeps, 'catalogue' | 'learning'>): Router {
  const router = Router();
  const { catalogue, learning } = deps;

  router.get('/courses', (req, res) => {
    const filter = CatalogueQuery.parse(req.query);
    const courses = catalogue
      .list(req.lang, filter)
      .map((c) => ({ ...c, languageNames: c.languages.map((l) => ({ code: l, name: languageName(l) })) }));
    res.render('courses/catalogue', {
      title: req.t('courses:catalogue.title'),
      courses,
      filter,
      // Phones show the courses first: the filters fold into one line unless one is in use.
      activeFilters: [filter.language, filter.audience].filter(Boolean).length,
      languageChoices: ['en', 'fr', 'es', 'ru', 'ar', 'zh', 'pt'].map((code) => ({
        code,
        name: languageName(code),
        selected: filter.language === code,
      })),
      audienceChoices: catalogue.audiences().map((a) => ({ code: a, selected: filter.audience === a })),
    });
  });

  router.get('/courses/:slug', async (req, res) => {
    const { slug } = CourseParams.parse(req.params);
    const course = catalogue.get(slug);
    const t = texts(course, req.lang);
    const progress = req.user ? await learning.progressOf(req.user, slug) : null;
    const facts = progress ? factsOf(progress) : null;
    const m = course.manifest;
    const step =
      progress && facts
        ? nextStep(
            course,
            facts,
            progress.enrolment.lastLessonId
              ? { moduleId: progress.enrolment.lastModuleId!, lessonId: progress.enrolment.lastLessonId }
              : null,
          )
        : null;
    res.render('courses/course', {
      title: t(m.title)!.value,
      course: {
        slug,
        title: t(m.title),
        summary: t(m.summary),
        minutes: m.estimatedMinutes,
        audience: m.audience,
        version: m.version,
        certificate: m.certificate,
        languageNames: m.languages.map(languageName).join(', '),
      },
      notInYourLanguage: !(m.languages as string[]).includes(req.lang) && {
        language: languageName(req.lang),
        fallback: languageName(m.defaultLanguage),
      },
      modules: outlineView(course, req.lang, facts),
      enrolment: progress?.enrolment ?? null,
      bar: facts ? courseBarView(course, facts) : null,
      continueHref: progress ? stepHref(slug, step) : null,
      justEnrolled: req.query.enrolled === '1' && !!progress,
      firstStep: progress && step ? { href: stepHref(slug, step), title: stepTitle(course, step, req.lang) } : null,
      preTest: m.preTest
        ? {
            href: `/courses/${slug}/quizzes/${m.preTest}`,
            title: t(course.quizzes.get(m.preTest)!.title),
            taken: progress?.attempts.some(
              (a: { quizId: string; submittedAt: Date | null }) => a.quizId === m.preTest && a.submittedAt,
            ),
          }
        : null,
      final: course.quizzes.has(m.finalAssessment)
        ? {
            href: `/courses/${slug}/quizzes/${m.finalAssessment}`,
            title: t(course.quizzes.get(m.finalAssessment)!.title),
            passed: facts?.passedQuizzes.has(m.finalAssessment) ?? false,
          }
        : null,
      signInHref: `/signin?next=${encodeURIComponent(`/courses/${slug}`)}`,
    });
  });

  // Only files the loader listed under the package's assets/ are reachable: no path from the URL touches the disk.
  router.get('/courses/:slug/assets/*name', (req: Request, res, next) => {
    const { slug } = CourseParams.parse(req.params);
    const name = ([] as string[]).concat((req.params as { name?: string | string[] }).name ?? []).join('/');
    const file = catalogue.assetFile(slug, name);
    if (!file) return next();
    res.sendFile(file, { maxAge: '7d', dotfiles: 'deny', headers: { 'X-Content-Type-Options': 'nosniff' } });
  });

  return router;
}
