import { createHash } from 'node:crypto';
import type { Agent } from '../../../server/ledger/statement.js';
import { describe, expect, it } from 'vitest';
import { checkIds, completeStatement, matchAttachmentParts, toBatch } from '../../../server/xapi/statement-service.js';
import { sameStatement } from '../../../server/xapi/statement-compare.js';
import { acceptedLanguages, formatStatement } from '../../../server/xapi/statement-format.js';
import { decodeCursor, encodeCursor } from '../../../server/xapi/statement-cursor.js';
import { buildMultipart, parseMultipart, boundaryOf } from '../../../server/xapi/multipart.js';
import { normaliseRequest } from '../../../server/xapi/xapi-request.js';
import { aStoredStatement } from '../../store/store.contract.js';

const AUTHORITY: Agent = { objectType: 'Agent', account: { homePage: 'https://praxis.test', name: 'client' } };

describe('statement pipeline steps', () => {
  it('refuses an empty batch', () => {
    expect(() => toBatch([])).toThrow(expect.objectContaining({ status: 400 }));
  });

  it('refuses a batch that repeats an id, and a PUT whose body id differs from statementId', () => {
    const id = crypto.randomUUID();

    expect(() => checkIds([{ id }, { id }])).toThrow(expect.objectContaining({ status: 400 }));
    expect(() => checkIds([{ id }], crypto.randomUUID())).toThrow(expect.objectContaining({ status: 400 }));
    expect(() => checkIds([{ id }], id.toUpperCase())).not.toThrow();
  });

  it('completes id, stored, timestamp, authority, version 1.0.0 and array context activities', () => {
    const s = completeStatement(
      { actor: {}, verb: { id: 'v' }, object: { id: 'o' }, context: { contextActivities: { parent: { id: 'p' } } } },
      AUTHORITY,
      '2026-01-01T00:00:00.000Z',
    );

    expect(s).toMatchObject({
      stored: '2026-01-01T00:00:00.000Z',
      timestamp: '2026-01-01T00:00:00.000Z',
      authority: AUTHORITY,
      version: '1.0.0',
    });
    expect(s.id).toMatch(/^[0-9a-f-]{36}$/);
    expect((s.context as { contextActivities: { parent: unknown } }).contextActivities.parent).toEqual([{ id: 'p' }]);
  });

  it('matches attachment parts by SHA-2 and refuses a missing, undeclared or corrupted part (XAPI-00110, XAPI-00114)', () => {
    const content = Buffer.from('hello');
    const sha2 = createHash('sha256').update(content).digest('hex');
    const batch = [
      {
        attachments: [
          { usageType: 'http://x.org/u', display: { en: 'a' }, contentType: 'text/plain', length: 5, sha2 },
        ],
      },
    ];

    expect(matchAttachmentParts(batch, [{ sha2, contentType: 'text/plain', content }])).toHaveLength(1);
    expect(() => matchAttachmentParts(batch, [])).toThrow(expect.objectContaining({ status: 400 }));
    expect(() => matchAttachmentParts([{}], [{ sha2, contentType: 'text/plain', content }])).toThrow(
      expect.objectContaining({ status: 400 }),
    );
    expect(() =>
      matchAttachmentParts(batch, [{ sha2, contentType: 'text/plain', content: Buffer.from('other') }]),
    ).toThrow(expect.objectContaining({ status: 400 }));
  });

  it('compares statements ignoring what the LRS sets and key order', () => {
    const a = aStoredStatement();
    const b = { ...a, stored: 'later', authority: {}, version: '1.0.0', verb: { id: a.verb.id } };

    expect(sameStatement(a, b)).toBe(true);
    expect(sameStatement(a, { ...a, verb: { id: 'http://other' } })).toBe(false);
  });
});

/** The parts of a formatted statement these tests read. */
type Formatted = { actor: unknown; verb: { display?: unknown }; object: { definition: { name: unknown } } };

describe('statement formats', () => {
  const s = aStoredStatement({
    actor: { objectType: 'Agent', name: 'Ada', mbox: 'mailto:ada@example.org' },
    verb: { id: 'http://v', display: { 'en-US': 'did', 'fr-FR': 'a fait' } },
    object: { objectType: 'Activity', id: 'http://a', definition: { name: { 'en-US': 'A', 'fr-FR': 'Un A' } } },
  });

  it('ids keeps only identifiers', () => {
    const out = formatStatement(s, 'ids', []) as Formatted;

    expect(out.actor).toEqual({ objectType: 'Agent', mbox: 'mailto:ada@example.org' });
    expect(out.verb).toEqual({ id: 'http://v' });
    expect(out.object).toEqual({ id: 'http://a' });
  });

  it('canonical keeps the language the client prefers', () => {
    const out = formatStatement(s, 'canonical', acceptedLanguages('fr;q=0.9, de;q=0.5')) as Formatted;

    expect(out.verb.display).toEqual({ 'fr-FR': 'a fait' });
    expect(out.object.definition.name).toEqual({ 'fr-FR': 'Un A' });
  });
});

describe('more cursor', () => {
  it('round-trips the query for a day, then expires', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const token = encodeCursor({ verb: 'http://v' }, 42, now);

    expect(decodeCursor(token, new Date('2026-01-01T23:00:00Z'))).toEqual({
      params: { verb: 'http://v' },
      afterSeq: 42,
    });
    expect(() => decodeCursor(token, new Date('2026-01-02T01:00:00Z'))).toThrow(
      expect.objectContaining({ code: 'more_expired' }),
    );
    expect(() => decodeCursor('garbage', now)).toThrow(expect.objectContaining({ status: 400 }));
  });
});

describe('multipart/mixed and the alternate request syntax', () => {
  it('parses what it builds, binary parts included', () => {
    const bin = Buffer.from([0, 255, 13, 10, 45, 45]);
    const built = buildMultipart([
      { headers: { 'Content-Type': 'application/json' }, body: Buffer.from('[]') },
      { headers: { 'X-Experience-API-Hash': 'h' }, body: bin },
    ]);

    const parts = parseMultipart(built.body, boundaryOf(built.contentType));

    expect(parts.map((p) => p.body)).toEqual([Buffer.from('[]'), bin]);
    expect(parts[1].headers['x-experience-api-hash']).toBe('h');
  });

  it('turns POST ?method=PUT with a form body into a plain PUT (Communication 1.3)', () => {
    const form = new URLSearchParams({
      statementId: 'abc',
      'X-Experience-API-Version': '1.0.3',
      'Content-Type': 'application/json',
      content: '{"a":1}',
    }).toString();

    const x = normaliseRequest({
      method: 'POST',
      query: { method: 'PUT' },
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: Buffer.from(form),
    });

    expect(x).toMatchObject({ method: 'PUT', params: { statementId: 'abc' }, contentType: 'application/json' });
    expect(x.headers['x-experience-api-version']).toBe('1.0.3');
    expect(x.body.toString()).toBe('{"a":1}');
    expect(() =>
      normaliseRequest({
        method: 'POST',
        query: { method: 'PUT', other: '1' },
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: Buffer.from(form),
      }),
    ).toThrow(expect.objectContaining({ status: 400 }));
  });
});
