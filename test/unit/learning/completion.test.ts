import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadCourses } from '../../../server/courses/course-loader.js';
import {
  courseBar,
  courseComplete,
  moduleBar,
  moduleComplete,
  nextStep,
  type ProgressFacts,
} from '../../../server/learning/completion.js';

const course = loadCourses(join(import.meta.dirname, '../../fixtures/courses/valid')).courses[0];
const [m1, m2] = course.modules;
const facts = (lessons: string[], quizzes: string[] = []): ProgressFacts => ({
  doneLessons: new Set(lessons),
  passedQuizzes: new Set(quizzes),
});
const required = ['m1-basics/l1-welcome', 'm1-basics/l2-rules', 'm2-practice/l1-apply'];

describe('completion rules', () => {
  it('completes a module when its lessons are done and its quiz is passed', () => {
    expect(moduleComplete(m1, facts(['m1-basics/l1-welcome', 'm1-basics/l2-rules']))).toBe(false);
    expect(moduleComplete(m1, facts(['m1-basics/l1-welcome', 'm1-basics/l2-rules'], ['m1-quiz']))).toBe(true);
    expect(moduleComplete(m2, facts(['m2-practice/l1-apply']))).toBe(true);
  });

  it('completes the course with every required module and the final passed; optional modules and the pre-test do not count', () => {
    expect(courseComplete(course, facts(required, ['m1-quiz']))).toBe(false);
    expect(courseComplete(course, facts(required, ['m1-quiz', 'final']))).toBe(true);
    expect(courseComplete(course, facts(required.slice(1), ['m1-quiz', 'final', 'pre-test']))).toBe(false);
  });

  it('measures module and course progress over lessons and graded quizzes', () => {
    const f = facts(['m1-basics/l1-welcome', 'm3-extra/l1-reading']);

    expect(moduleBar(m1, f)).toEqual({ done: 1, total: 3, ratio: 1 / 3 });
    expect(courseBar(course, f)).toEqual({ done: 1, total: 5, ratio: 0.2 });
  });

  it('continues with the last lesson opened, else the next unfinished step, skipping optional modules', () => {
    expect(nextStep(course, facts([]))).toEqual({ kind: 'lesson', moduleId: 'm1-basics', lessonId: 'l1-welcome' });
    expect(nextStep(course, facts([]), { moduleId: 'm1-basics', lessonId: 'l2-rules' })).toEqual({
      kind: 'lesson',
      moduleId: 'm1-basics',
      lessonId: 'l2-rules',
    });
    expect(
      nextStep(course, facts(['m1-basics/l1-welcome', 'm1-basics/l2-rules']), {
        moduleId: 'm1-basics',
        lessonId: 'l2-rules',
      }),
    ).toEqual({ kind: 'quiz', quizId: 'm1-quiz' });
    expect(nextStep(course, facts(required, ['m1-quiz']))).toEqual({ kind: 'quiz', quizId: 'final' });
    expect(nextStep(course, facts(required, ['m1-quiz', 'final']))).toBeNull();
  });
});
