import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadCourses } from '../../../server/courses/course-loader.js';
import { attemptsLeft, grade, type Answers } from '../../../server/learning/grading.js';
import { shownOrder, shuffle } from '../../../server/learning/shuffle.js';

const course = loadCourses(join(import.meta.dirname, '../../fixtures/courses/valid')).courses[0];
const quiz = course.quizzes.get('m1-quiz')!;
const shown = shownOrder(quiz, 'attempt-1');
const allRight: Answers = {
  q1: { type: 'single', choice: 'a' },
  q2: { type: 'multiple', choices: ['b', 'a'] },
  q3: { type: 'true-false', value: true },
  q4: { type: 'matching', matches: { p1: 'p1', p2: 'p2', p3: 'p3' } },
  q5: { type: 'ordering', positions: { s1: 1, s2: 2, s3: 3 } },
};

describe('grading', () => {
  it('gives one point per question and passes at the pass mark', () => {
    const result = grade(quiz, allRight, shown);

    expect(result).toMatchObject({ score: 5, max: 5, scaled: 1, passed: true });
    expect(result.questions.map((q) => q.correct)).toEqual([true, true, true, true, true]);
  });

  it('scores a multiple-choice, matching or ordering question only when entirely right', () => {
    const result = grade(
      quiz,
      {
        ...allRight,
        q2: { type: 'multiple', choices: ['a'] },
        q4: { type: 'matching', matches: { p1: 'p1', p2: 'p3', p3: 'p2' } },
        q5: { type: 'ordering', positions: { s1: 1, s2: 3, s3: 2 } },
      },
      shown,
    );

    expect(result.questions.map((q) => q.correct)).toEqual([true, false, true, false, false]);
    expect(result).toMatchObject({ score: 2, passed: false });
  });

  it('fails below the pass mark (4 of 5 = 0.8 passes, 3 of 5 fails at 0.8)', () => {
    expect(grade(quiz, { ...allRight, q1: { type: 'single', choice: 'b' } }, shown).passed).toBe(true);
    expect(
      grade(quiz, { ...allRight, q1: { type: 'single', choice: 'b' }, q3: { type: 'true-false', value: false } }, shown)
        .passed,
    ).toBe(false);
  });

  it('counts blanks, options that were not shown and repeated positions as wrong', () => {
    const result = grade(
      quiz,
      {
        q2: { type: 'multiple', choices: ['a', 'b', 'zz'] },
        q5: { type: 'ordering', positions: { s1: 1, s2: 1, s3: 3 } },
      },
      { ...shown, q2: ['a', 'c'] },
    );

    expect(result.questions.map((q) => [q.correct, q.answered])).toEqual([
      [false, false],
      [false, true],
      [false, false],
      [false, false],
      [false, false],
    ]);
  });

  it('writes xAPI response strings', () => {
    const result = grade(quiz, allRight, shown);

    expect(result.questions.map((q) => q.response)).toEqual([
      'a',
      'b[,]a',
      'true',
      'p1[.]p1[,]p2[.]p2[,]p3[.]p3',
      's1[,]s2[,]s3',
    ]);
  });

  it('neither passes nor fails a pre-test', () => {
    const pre = course.quizzes.get('pre-test')!;

    expect(grade(pre, { tf1: { type: 'true-false', value: false } }, {}).passed).toBeNull();
  });

  it('counts attempts left, or none when there is no limit', () => {
    expect(attemptsLeft(quiz, 1)).toBe(2);
    expect(attemptsLeft(quiz, 5)).toBe(0);
    expect(attemptsLeft(course.quizzes.get('final')!, 9)).toBeNull();
  });
});

describe('shuffling', () => {
  it('gives the same order for the same attempt and different orders across attempts', () => {
    const orders = new Set(Array.from({ length: 20 }, (_, i) => shownOrder(quiz, `attempt-${i}`).q1.join()));

    expect(shownOrder(quiz, 'attempt-1')).toEqual(shown);
    expect(orders.size).toBeGreaterThan(1);
  });

  it('keeps every option exactly once', () => {
    expect([...shuffle(['a', 'b', 'c', 'd'], 'seed')].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect([...shown.q4].sort()).toEqual(['p1', 'p2', 'p3']);
  });

  it('never shows an ordering question already in the right order', () => {
    for (let i = 0; i < 50; i++) expect(shownOrder(quiz, `a${i}`).q5.join()).not.toBe('s1,s2,s3');
  });
});
