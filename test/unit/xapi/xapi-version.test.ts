import { describe, expect, it } from 'vitest';
import type { StoredStatement } from '../../../server/store/store.js';
import { durationToHundredths, sameStatement } from '../../../server/xapi/statement-compare.js';
import { aboutVersions, negotiateVersion, statementForVersion } from '../../../server/xapi/xapi-version.js';

describe('xAPI version negotiation and conversion', () => {
  it('maps 1.0.x to 1.0.3 and 2.0.x to 2.0.0, refusing others and disabled lines', () => {
    expect(negotiateVersion('1.0')).toBe('1.0.3');
    expect(negotiateVersion(' 2.0.1 ')).toBe('2.0.0');
    expect(() => negotiateVersion('2.1.0')).toThrow(/2\.1\.0/);
    expect(() => negotiateVersion(undefined)).toThrow(/required/);
    expect(() => negotiateVersion('2.0.0', ['1.0.3'])).toThrow(/speaks 1\.0\.3/);
    expect(aboutVersions(['2.0.0'])).toEqual(['2.0.0']);
  });

  it('gives 1.0.3 readers statements without contextAgents/contextGroups, in sub-statements too', () => {
    const ca = [{ objectType: 'contextAgent', agent: { mbox: 'mailto:a@example.org' } }];
    const s = {
      id: 'x',
      version: '2.0.0',
      context: { registration: 'r', contextAgents: ca },
      object: { objectType: 'SubStatement', context: { contextGroups: [] } },
    } as unknown as StoredStatement;
    const down = statementForVersion(s, '1.0.3') as unknown as Record<string, unknown>;

    expect(down).toEqual({
      id: 'x',
      version: '1.0.0',
      context: { registration: 'r' },
      object: { objectType: 'SubStatement' },
    });
    expect(statementForVersion(s, '2.0.0')).toBe(s);
  });

  it('compares durations to the hundredth of a second', () => {
    expect(durationToHundredths('PT1.23456S')).toBe('PT1.23S');
    expect(durationToHundredths('P1DT2M')).toBe('P1DT2M');
    expect(sameStatement({ result: { duration: 'PT1S' } }, { result: { duration: 'PT1.009S' } })).toBe(true);
    expect(sameStatement({ result: { duration: 'PT1S' } }, { result: { duration: 'PT1.01S' } })).toBe(false);
  });
});
