import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { commitSchema, LIMITS } from '../../../server/packages/scorm/cmi-commit.schema.js';
import { applyCommit, emptyCmi, satisfied } from '../../../server/packages/scorm/cmi-merge.js';
import { durationSeconds, timespan, timespanSeconds } from '../../../server/packages/scorm/cmi-time.js';
import type { ScormItem } from '../../../server/packages/scorm/scorm-manifest.js';

const anItem = (over: Partial<ScormItem> = {}): ScormItem => ({
  identifier: 'ITEM-1',
  title: 'One',
  visible: true,
  resourceId: 'R',
  launch: 'a.html',
  parameters: null,
  masteryScore: null,
  completionThreshold: null,
  objectives: [],
  dataFromLms: null,
  maxTimeAllowed: null,
  timeLimitAction: null,
  prerequisites: null,
  hasSequencing: false,
  children: [],
  ...over,
});
const aCommit = (cmi: Record<string, unknown>, over: Record<string, unknown> = {}) => ({
  attemptId: randomUUID(),
  sessionId: randomUUID(),
  sequence: 1,
  terminate: false,
  cmi,
  ...over,
});

describe('SCORM time values', () => {
  it('reads 1.2 timespans and 2004 durations as seconds', () => {
    expect(timespanSeconds('0001:02:03.5')).toBe(3723.5);
    expect(timespanSeconds('1:02:03')).toBeNull();
    expect(durationSeconds('PT1H2M3.5S')).toBe(3723.5);
    expect(durationSeconds('P1DT1S')).toBe(86401);
    expect(durationSeconds('PT')).toBeNull();
    expect(timespan(3723.5)).toBe('01:02:04');
  });
});

describe('SCORM commit validation', () => {
  it('accepts a 1.2 commit and refuses 2004 elements in it', () => {
    expect(
      commitSchema('1.2').safeParse(aCommit({ lessonStatus: 'incomplete', location: 'p2', sessionTime: '00:00:05' }))
        .success,
    ).toBe(true);
    expect(commitSchema('1.2').safeParse(aCommit({ completionStatus: 'completed' })).success).toBe(false);
  });

  it('holds suspend data to 4,096 characters in 1.2 and 64,000 in 2004 4th edition', () => {
    expect(commitSchema('1.2').safeParse(aCommit({ suspendData: 'x'.repeat(4096) })).success).toBe(true);
    expect(commitSchema('1.2').safeParse(aCommit({ suspendData: 'x'.repeat(4097) })).success).toBe(false);
    expect(commitSchema('2004-4th').safeParse(aCommit({ suspendData: 'x'.repeat(64_000) })).success).toBe(true);
    expect(commitSchema('2004-4th').safeParse(aCommit({ suspendData: 'x'.repeat(64_001) })).success).toBe(false);
    expect(LIMITS['2004-2nd'].suspendData).toBe(4000);
  });

  it('refuses unknown vocabularies, bad types, unknown fields and too many interactions', () => {
    const s = commitSchema('2004-3rd');
    expect(s.safeParse(aCommit({ completionStatus: 'done' })).success).toBe(false);
    expect(s.safeParse(aCommit({ scoreScaled: 2 })).success).toBe(false);
    expect(s.safeParse(aCommit({ scoreRaw: '80' })).success).toBe(false);
    expect(s.safeParse(aCommit({ sessionTime: '5 minutes' })).success).toBe(false);
    expect(s.safeParse(aCommit({ learnerId: 'someone-else' })).success).toBe(false);
    expect(s.safeParse(aCommit({}, { userId: 'x' })).success).toBe(false);
    expect(
      s.safeParse(aCommit({ interactions: Array.from({ length: 251 }, (_, i) => ({ id: `q${i}` })) })).success,
    ).toBe(false);
  });
});

describe('applying a commit', () => {
  it('maps 1.2 lesson status to completion and success, judging by the mastery score', () => {
    const item = anItem({ masteryScore: 80 });
    const { cmi, events } = applyCommit(
      emptyCmi(),
      { lessonStatus: 'completed', scoreRaw: 85, scoreMin: 0, scoreMax: 100 },
      false,
      '1.2',
      item,
    );

    expect(cmi).toMatchObject({ completionStatus: 'completed', successStatus: 'passed', lessonStatus: 'passed' });
    expect(events.map((e) => e.kind)).toEqual(['completed', 'passed', 'scored']);
  });

  it('keeps a completed and passed attempt so: a later commit cannot take it back', () => {
    const done = applyCommit(emptyCmi(), { lessonStatus: 'passed' }, false, '1.2', anItem()).cmi;

    const { cmi, events } = applyCommit(done, { lessonStatus: 'incomplete' }, false, '1.2', anItem());

    expect(cmi).toMatchObject({ completionStatus: 'completed', successStatus: 'passed', lessonStatus: 'passed' });
    expect(events).toEqual([]);
  });

  it("decides 2004 completion by the threshold and success by the primary objective's measure", () => {
    const item = anItem({
      completionThreshold: { minProgressMeasure: 0.8, completedByMeasure: true, progressWeight: 1 },
      objectives: [{ id: 'o', primary: true, satisfiedByMeasure: true, minNormalizedMeasure: 0.6 }],
    });

    const half = applyCommit(
      emptyCmi(),
      { progressMeasure: 0.5, completionStatus: 'completed', scoreScaled: 0.5 },
      false,
      '2004-3rd',
      item,
    );
    const full = applyCommit(half.cmi, { progressMeasure: 0.9, scoreScaled: 0.7 }, false, '2004-3rd', item);

    expect(half.cmi).toMatchObject({ completionStatus: 'incomplete', successStatus: 'failed' });
    expect(full.cmi).toMatchObject({ completionStatus: 'completed', successStatus: 'passed' });
    expect(full.events.map((e) => e.kind)).toEqual(['completed', 'passed', 'scored']);
  });

  it('reports new and changed interactions once each', () => {
    const one = { id: 'q1', type: 'choice' as const, learnerResponse: 'a', result: 'wrong' as const };
    const first = applyCommit(emptyCmi(), { interactions: [one] }, false, '1.2', anItem());
    const second = applyCommit(
      first.cmi,
      { interactions: [one, { id: 'q2', learnerResponse: 'b', result: 'correct' as const }] },
      false,
      '1.2',
      anItem(),
    );

    expect(first.events).toEqual([
      { kind: 'answered', interaction: expect.objectContaining({ id: 'q1', result: 'incorrect' }) },
    ]);
    expect(second.events).toEqual([{ kind: 'answered', interaction: expect.objectContaining({ id: 'q2' }) }]);
  });

  it('adds the session time to the total when the session ends, suspended or not', () => {
    const during = applyCommit({ ...emptyCmi(), totalTime: 100 }, { sessionTime: '00:01:00' }, false, '1.2', anItem());
    const suspended = applyCommit(during.cmi, { exit: 'suspend', sessionTime: '00:02:00' }, true, '1.2', anItem());

    expect(during.cmi).toMatchObject({ totalTime: 100, sessionTime: 60 });
    expect(suspended.cmi).toMatchObject({ totalTime: 220, sessionTime: 0, sessionId: null });
    expect(suspended.events).toEqual([{ kind: 'suspended' }]);
  });

  it('completes a SCO that finishes without reporting a status, but not one that suspends', () => {
    expect(applyCommit(emptyCmi(), { exit: '' }, true, '1.2', anItem()).cmi.lessonStatus).toBe('completed');
    expect(applyCommit(emptyCmi(), { exit: 'suspend' }, true, '1.2', anItem()).cmi.completionStatus).toBe(
      'not attempted',
    );
    expect(applyCommit(emptyCmi(), { exit: 'normal' }, true, '2004-3rd', anItem()).cmi.completionStatus).toBe(
      'completed',
    );
    expect(applyCommit(emptyCmi(), { exit: 'suspend' }, true, '2004-3rd', anItem()).cmi.completionStatus).toBe(
      'not attempted',
    );
    expect(
      applyCommit(emptyCmi(), { completionStatus: 'incomplete' }, true, '2004-3rd', anItem()).cmi.completionStatus,
    ).toBe('incomplete');
  });

  it('counts a SCO when it is passed, or completed and not failed', () => {
    expect(satisfied({ completionStatus: 'completed', successStatus: 'unknown' })).toBe(true);
    expect(satisfied({ completionStatus: 'completed', successStatus: 'failed' })).toBe(false);
    expect(satisfied({ completionStatus: 'incomplete', successStatus: 'passed' })).toBe(true);
  });
});

describe('injecting the run-time into SCORM pages', () => {
  it('puts our two scripts first in <head>, or as early as the page allows', async () => {
    const { injectScormRuntime } = await import('../../../server/packages/scorm/content-injection.js');
    const tags = '<script src="/rt/cross-frame-api.min.js"></script><script src="/rt/scorm-content.js"></script>';

    expect(injectScormRuntime('<!doctype html><html><head lang="en"><title>x</title></head></html>', '/rt/')).toBe(
      `<!doctype html><html><head lang="en">${tags}<title>x</title></head></html>`,
    );
    expect(injectScormRuntime('<HTML><body>x</body></HTML>', '/rt/')).toBe(`<HTML>${tags}<body>x</body></HTML>`);
    expect(injectScormRuntime('<!DOCTYPE html><p>x', '/rt/')).toBe(`<!DOCTYPE html>${tags}<p>x`);
    expect(injectScormRuntime('<p>x', '/rt/')).toBe(`${tags}<p>x`);
  });
});
