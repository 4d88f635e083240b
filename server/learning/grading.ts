import type { Question, Quiz } from '../courses/course.schema.js';
import type { ShownOrder } from './shuffle.js';

/** A learner's answers, normalised from the form. */
export type Answer =
  | { type: 'single'; choice?: string }
  | { type: 'multiple'; choices: string[] }
  | { type: 'true-false'; value?: boolean }
  | { type: 'matching'; matches: Record<string, string> } // left pair id -> chosen right pair id
  | { type: 'ordering'; positions: Record<string, number> }; // item id -> position (1-based)
export type Answers = Record<string, Answer>;

export interface QuestionResult {
  id: string;
  correct: boolean;
  answered: boolean;
  response: string;
}
export interface GradeResult {
  questions: QuestionResult[];
  score: number;
  max: number;
  scaled: number;
  passed: boolean | null;
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** xAPI cmi.interaction response strings (xAPI 1.0.3, Interaction Activities). */
function check(
  q: Question,
  a: Answer | undefined,
  shown: string[],
): { correct: boolean; answered: boolean; response: string } {
  const visible = (id: string) => shown.includes(id); // only what this attempt showed can be chosen
  switch (q.type) {
    case 'single': {
      const choice = a?.type === 'single' && a.choice && visible(a.choice) ? a.choice : undefined;
      return {
        correct: q.options.some((o) => o.correct && o.id === choice),
        answered: !!choice,
        response: choice ?? '',
      };
    }
    case 'multiple': {
      const choices = a?.type === 'multiple' ? [...new Set(a.choices.filter(visible))] : [];
      return {
        correct: sameSet(
          choices,
          q.options.filter((o) => o.correct).map((o) => o.id),
        ),
        answered: choices.length > 0,
        response: choices.join('[,]'),
      };
    }
    case 'true-false': {
      const value = a?.type === 'true-false' ? a.value : undefined;
      return {
        correct: value === q.answer,
        answered: value !== undefined,
        response: value === undefined ? '' : String(value),
      };
    }
    case 'matching': {
      const m = a?.type === 'matching' ? a.matches : {};
      const pairs = q.pairs.map((p) => {
        const chosen = m[p.id];
        return [p.id, chosen && visible(chosen) ? chosen : ''] as const;
      });
      return {
        correct: pairs.every(([l, r]) => l === r),
        answered: pairs.some(([, r]) => r),
        response: pairs
          .filter(([, r]) => r)
          .map(([l, r]) => `${l}[.]${r}`)
          .join('[,]'),
      };
    }
    case 'ordering': {
      const pos = a?.type === 'ordering' ? a.positions : {};
      const ids = q.items.map((i) => i.id);
      const valid =
        ids.every((id) => Number.isInteger(pos[id])) && new Set(ids.map((id) => pos[id])).size === ids.length;
      const ordered = valid ? [...ids].sort((x, y) => (pos[x] ?? 0) - (pos[y] ?? 0)) : [];
      return { correct: valid && ordered.join() === ids.join(), answered: valid, response: ordered.join('[,]') };
    }
  }
}

/** One point per question; multi-part questions score only when entirely right. A pre-test is not passed or failed. */
export function grade(quiz: Quiz, answers: Answers, shown: ShownOrder): GradeResult {
  const questions = quiz.questions.map((q) => ({ id: q.id, ...check(q, answers[q.id], shown[q.id] ?? []) }));
  const score = questions.filter((q) => q.correct).length;
  const max = questions.length;
  const scaled = max === 0 ? 0 : score / max;
  return { questions, score, max, scaled, passed: quiz.kind === 'pre-test' ? null : scaled >= quiz.passMark - 1e-9 };
}

/** Attempts still allowed, or null when the quiz has no limit. */
export function attemptsLeft(quiz: Quiz, submitted: number): number | null {
  return quiz.maxAttempts === undefined ? null : Math.max(0, quiz.maxAttempts - submitted);
}
