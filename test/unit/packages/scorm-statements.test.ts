import { describe, expect, it } from 'vitest';
import { applyCommit, emptyCmi } from '../../../server/packages/scorm/cmi-merge.js';
import {
  SCORM_PROFILE,
  scormCourseCompleted,
  scormStatements,
  type ScormStatementContext,
} from '../../../server/packages/scorm/scorm-statements.js';
import { deriveStatement } from '../../../server/ledger/stats-facts.js';
import { projectLearning } from '../../../server/ledger/learning-projection.js';
import { checkStatement } from '../../../server/xapi/statement-rules.js';
import type { ScormItem } from '../../../server/packages/scorm/scorm-manifest.js';

const PUBLIC_URL = 'http://praxis.test';
const ctx = (over: Partial<ScormStatementContext> = {}): ScormStatementContext => ({
  publicUrl: PUBLIC_URL,
  now: new Date('2026-01-02T03:04:05Z'),
  user: { id: 'u1' },
  course: { slug: 'golf', title: { en: 'Golf' } },
  organization: { id: 'ORG', title: 'Golf' },
  sco: { id: 'ITEM-1', title: 'Etiquette' },
  registration: '5a3c8f7e-1d2b-4c6a-9e8f-0a1b2c3d4e5f',
  attemptId: '6b4d9a8f-2e3c-4d7b-8f9a-1b2c3d4e5f60',
  sessionId: '7c5e0b9a-3f4d-4e8c-9a0b-2c3d4e5f6071',
  language: 'en',
  ...over,
});
const item: ScormItem = {
  identifier: 'ITEM-1',
  title: 'Etiquette',
  visible: true,
  resourceId: 'R',
  launch: 'a.html',
  parameters: null,
  masteryScore: 80,
  completionThreshold: null,
  objectives: [],
  dataFromLms: null,
  maxTimeAllowed: null,
  timeLimitAction: null,
  prerequisites: null,
  hasSequencing: false,
  children: [],
};

describe('SCORM milestones as xAPI (ADL SCORM profile)', () => {
  it('writes valid statements carrying registration, attempt, session and the profile', () => {
    const { cmi, events } = applyCommit(
      emptyCmi(),
      {
        lessonStatus: 'completed',
        scoreRaw: 90,
        scoreMin: 0,
        scoreMax: 100,
        sessionTime: '00:01:30',
        exit: '',
        interactions: [{ id: 'q 1', type: 'choice', learnerResponse: 'b', correctResponses: ['b'], result: 'correct' }],
      },
      true,
      '1.2',
      item,
    );

    const entries = scormStatements(ctx(), [{ kind: 'initialized' }, ...events], cmi);

    expect(entries.map((e) => e.statement.verb.id.split('/').pop())).toEqual([
      'initialized',
      'answered',
      'completed',
      'passed',
      'scored',
      'terminated',
    ]);
    for (const { statement } of entries) {
      expect(() => checkStatement(JSON.parse(JSON.stringify(statement)))).not.toThrow();
      expect(statement.context).toMatchObject({
        registration: ctx().registration,
        contextActivities: {
          grouping: [
            expect.objectContaining({ id: `${PUBLIC_URL}/courses/golf` }),
            expect.objectContaining({
              id: `${PUBLIC_URL}/courses/golf/modules/ORG/lessons/ITEM-1?attemptId=${ctx().attemptId}`,
              definition: { type: 'http://adlnet.gov/expapi/activities/attempt' },
            }),
          ],
          category: [expect.objectContaining({ id: SCORM_PROFILE })],
        },
        extensions: { [`${PUBLIC_URL}/xapi/extensions/session`]: ctx().sessionId },
      });
    }
    const [, answered, , passed] = entries.map((e) => e.statement as Record<string, unknown>);
    expect(answered).toMatchObject({
      object: {
        id: `${PUBLIC_URL}/courses/golf/modules/ORG/lessons/ITEM-1/interactions/q%201`,
        definition: {
          type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
          interactionType: 'choice',
          correctResponsesPattern: ['b'],
        },
      },
      result: { response: 'b', success: true },
    });
    expect(passed).toMatchObject({
      result: { success: true, score: { raw: 90, min: 0, max: 100, scaled: 0.9 }, duration: 'PT90S' },
    });
  });

  it('says suspended when the learner leaves to come back', () => {
    const { cmi, events } = applyCommit(emptyCmi(), { exit: 'suspend', location: 'p2' }, true, '1.2', item);

    expect(scormStatements(ctx(), events, cmi).map((e) => e.statement.verb.id)).toEqual([
      'http://adlnet.gov/expapi/verbs/suspended',
    ]);
  });

  it('leaves out a score the SCO reported out of its own range instead of writing an invalid statement', () => {
    const { cmi } = applyCommit(emptyCmi(), { scoreRaw: 150, scoreMin: 0, scoreMax: 100 }, false, '1.2', item);

    const [scored] = scormStatements(ctx(), [{ kind: 'scored' }], cmi);

    expect(() => checkStatement(JSON.parse(JSON.stringify(scored?.statement)))).not.toThrow();
  });

  it('is read by the learning projection as lessons done and a course completion, and counted by the statistics', () => {
    const reg = ctx().registration;
    const registered = { ...scormCourseCompleted(ctx(), new Date(0)) };
    registered.statement = {
      ...registered.statement,
      id: crypto.randomUUID(),
      verb: { id: 'http://adlnet.gov/expapi/verbs/registered' },
    };
    const done = applyCommit(emptyCmi(), { lessonStatus: 'passed' }, false, '1.2', item);
    const ledger = [
      registered,
      ...scormStatements(ctx(), done.events, done.cmi),
      scormCourseCompleted(ctx(), new Date(0)),
    ];

    const projected = projectLearning(reg, ledger);

    expect(projected?.doneLessons).toEqual([expect.objectContaining({ moduleId: 'ORG', lessonId: 'ITEM-1' })]);
    expect(projected?.enrolment.completedAt).toEqual(ctx().now);
    const facts = ledger
      .flatMap((e) => deriveStatement(e.statement, null)?.facts ?? [])
      .map((f) => `${f.kind}:${f.course}`);
    expect(facts).toEqual(['registered:golf', 'course.completed:golf']);
  });
});
