import { randomUUID } from 'node:crypto';
import type { Store, StoredStatement } from '../../server/store/store.js';

const ADL = 'http://adlnet.gov/expapi/verbs/';

/** A stored statement by a platform learner, in a course, at a given stored time. */
export function aLearnerStatement(
  publicUrl: string,
  userId: string,
  over: { verb?: string; course?: string; lesson?: string; stored?: Date; extra?: Record<string, unknown> } = {},
): StoredStatement {
  const stored = (over.stored ?? new Date()).toISOString();
  const course = `${publicUrl}/courses/${over.course ?? 'line-up-live-up'}`;
  return {
    id: randomUUID(),
    actor: { objectType: 'Agent', account: { homePage: publicUrl, name: userId } },
    verb: { id: ADL + (over.verb ?? 'experienced'), display: { 'en-US': over.verb ?? 'experienced' } },
    object: {
      objectType: 'Activity',
      id: `${course}/modules/m1/lessons/${over.lesson ?? 'l1'}`,
      definition: { name: { en: `Lesson ${over.lesson ?? 'l1'}` } },
    },
    context: { contextActivities: { grouping: [{ objectType: 'Activity', id: course }] } },
    timestamp: stored,
    stored,
    version: '1.0.3',
    authority: { objectType: 'Agent', account: { homePage: publicUrl, name: 'praxis-platform' } },
    ...over.extra,
  } as StoredStatement;
}

export async function recordAll(store: Store, statements: StoredStatement[]) {
  for (let i = 0; i < statements.length; i += 500) {
    await store.record({ entries: statements.slice(i, i + 500).map((statement) => ({ statement, clientId: null })) });
  }
}
