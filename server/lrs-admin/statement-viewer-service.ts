import { FieldError } from '../accounts/account-service.js';
import type { StatementQuery, Store, StoredStatement } from '../store/store.js';
import type { ViewerInput } from './lrs-admin.schema.js';
import { platformUserId, summarise, type PlatformPerson, type StatementRow } from './statement-summary.js';

const ADL_VERBS = 'http://adlnet.gov/expapi/verbs/';
export const VIEWER_VERBS = [
  'registered',
  'experienced',
  'progressed',
  'attempted',
  'answered',
  'completed',
  'passed',
  'failed',
  'voided',
] as const;
const PAGE = 50;
const EXPORT_PAGE = 500;
const DAY = 86_400_000;

/** The selection an administrator asked for, as a store query (no limit, no cursor yet). */
export type Selection = Omit<StatementQuery, 'limit' | 'afterSeq'>;

export function createStatementViewerService(deps: { store: Store; publicUrl: string }) {
  const { store, publicUrl } = deps;

  /** Platform learners behind the actors of a page, looked up once each. */
  async function peopleOf(statements: StoredStatement[]): Promise<Map<string, PlatformPerson>> {
    const ids = new Set(
      statements.map((s) => platformUserId(s.actor, publicUrl)).filter((id): id is string => id !== null),
    );
    const people = new Map<string, PlatformPerson>();
    for (const id of ids) {
      const user = await store.users.findById(id);
      if (user) people.set(id, { displayName: user.displayName, email: user.email });
    }
    return people;
  }

  return {
    /**
     * Learner e-mail -> their platform account; a short verb -> its ADL IRI; a course slug -> the
     * course activity, matched with related_activities (every statement of a course carries it in
     * contextActivities.grouping, docs/xapi-vocabulary.md); dates -> whole days of `stored` (UTC).
     */
    async selection(input: ViewerInput): Promise<Selection> {
      const q: Selection = {};
      if (input.learner) {
        const user = await store.users.findByEmail(input.learner as string);
        if (!user) throw new FieldError('learner', 'lrsadmin:error.learnerUnknown');
        q.agent = `account:${publicUrl}|${user.id}`;
      }
      if (input.verb) q.verb = (input.verb as string).includes(':') ? (input.verb as string) : ADL_VERBS + input.verb;
      if (input.course) {
        q.activity = (input.course as string).includes(':')
          ? (input.course as string)
          : `${publicUrl}/courses/${input.course}`;
        q.relatedActivities = true;
      }
      if (input.since) q.since = new Date(Date.parse(`${input.since}T00:00:00Z`) - 1); // the store's since is exclusive
      if (input.until) q.until = new Date(Date.parse(`${input.until}T00:00:00Z`) + DAY - 1);
      return q;
    },

    /** One page, newest first, by keyset on seq: `after` is the previous page's `nextSeq`. */
    async page(selection: Selection, after?: number): Promise<{ rows: StatementRow[]; nextSeq: number | null }> {
      const page = await store.statements.query({ ...selection, limit: PAGE, afterSeq: after });
      const people = await peopleOf(page.statements);
      return { rows: page.statements.map((s) => summarise(s, people, publicUrl)), nextSeq: page.nextSeq };
    },

    /** Page by page, so an export of a million statements never sits in memory. */
    async *export(selection: Selection): AsyncGenerator<StoredStatement[]> {
      let after: number | undefined;
      do {
        const page = await store.statements.query({ ...selection, limit: EXPORT_PAGE, afterSeq: after });
        yield page.statements;
        after = page.nextSeq ?? undefined;
      } while (after !== undefined);
    },

    async statement(id: string) {
      const found = await store.statements.get(id);
      if (!found) return null;
      const people = await peopleOf([found.statement]);
      return { ...found, row: summarise(found.statement, people, publicUrl) };
    },
  };
}

export type StatementViewerService = ReturnType<typeof createStatementViewerService>;
