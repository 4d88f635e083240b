import { describe, expect, it } from 'vitest';
import { appendProfile, profileAt } from '../../../server/store/profile-history.js';

const EG = { country: 'EG', sex: 'female', sector: 'police' };
const JP = { country: 'JP', sex: 'male', sector: 'police' };

describe('profile history', () => {
  it('appends a change of country, sex or sector, and nothing for an unchanged profile', () => {
    const start = [{ from: 1000, ...EG }];

    expect(appendProfile(start, EG, EG, new Date(2000))).toBe(start);
    expect(appendProfile(start, EG, JP, new Date(2000))).toEqual([
      { from: 1000, ...EG },
      { from: 2000, ...JP },
    ]);
    expect(appendProfile(null, EG, JP, new Date(2000))).toEqual([
      { from: 0, ...EG },
      { from: 2000, ...JP },
    ]);
  });

  it('finds the profile that held when a statement was stored, the first one before any, the current one without history', () => {
    const history = [
      { from: 1000, ...EG },
      { from: 2000, ...JP },
    ];

    expect(profileAt(history, JP, new Date(1500).toISOString())).toEqual(EG);
    expect(profileAt(history, JP, new Date(2000).toISOString())).toEqual(JP);
    expect(profileAt(history, JP, new Date(500).toISOString())).toEqual(EG);
    expect(profileAt(null, JP, new Date(500).toISOString())).toEqual(JP);
  });
});
