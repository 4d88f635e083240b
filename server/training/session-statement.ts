import { platformEntry } from '../ledger/platform.js';
import type { Agent } from '../ledger/statement.js';
import { ACTIVITY_TYPES, countryExtension, participantsExtension, VERBS } from '../ledger/vocabulary.js';
import { LINE_UP_LIVE_UP } from './trainer-course.js';
import type { DeliveredSession, LedgerEntry } from '../store/store.js';

/**
 * A delivered session as an xAPI statement: the trainer hosted it and is its instructor; the counts
 * travel as a context extension so external tools see the cascade. No names, no details of minors.
 */
export function sessionStatement(s: DeliveredSession, opts: { publicUrl: string; now: Date }): LedgerEntry {
  const trainer: Agent = { objectType: 'Agent', account: { homePage: opts.publicUrl, name: s.trainerId } };
  const course = `${opts.publicUrl}/courses/${LINE_UP_LIVE_UP}`;
  return platformEntry(
    {
      id: s.statementId,
      actor: trainer,
      verb: { id: VERBS.hosted, display: { en: 'hosted' } },
      object: {
        objectType: 'Activity',
        id: `${opts.publicUrl}/training/sessions/${s.id}`,
        definition: { type: ACTIVITY_TYPES.meeting, name: { en: 'Line Up Live Up session' } },
      },
      context: {
        instructor: trainer,
        contextActivities: {
          grouping: [{ objectType: 'Activity', id: course, definition: { type: ACTIVITY_TYPES.course } }],
          other: s.sessions.map((n) => ({ objectType: 'Activity', id: `${course}/sessions/${n}` })),
        },
        extensions: {
          [participantsExtension(opts.publicUrl)]: s.counts,
          [countryExtension(opts.publicUrl)]: s.country,
        },
      },
      timestamp: `${s.date}T12:00:00.000Z`,
    },
    opts,
  );
}
