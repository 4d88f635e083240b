import { describe, expect, it } from 'vitest';
import { checkStatement } from '../../../server/xapi/statement-rules.js';

const base = () => ({
  actor: { objectType: 'Agent', mbox: 'mailto:ada@example.org' },
  verb: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { 'en-US': 'experienced' } },
  object: { objectType: 'Activity', id: 'https://praxis.test/courses/c' },
});
// biome-ignore lint/suspicious/noExplicitAny: the rule table edits deep, deliberately malformed fixtures
type S = Record<string, any>;
const sha = 'a'.repeat(64);

/** Each rule: a statement it accepts and one it refuses, with the requirement id where the spec names one. */
const rules: { rule: string; valid: (s: S) => void; invalid: (s: S) => void }[] = [
  {
    rule: 'XAPI-00001 closed statement object',
    valid: () => {},
    invalid: (s) => {
      s.extra = 1;
    },
  },
  {
    rule: 'XAPI-00003 actor is required',
    valid: () => {},
    invalid: (s) => {
      delete s.actor;
    },
  },
  {
    rule: 'XAPI-00027 id is a UUID',
    valid: (s) => {
      s.id = crypto.randomUUID();
    },
    invalid: (s) => {
      s.id = 'not-a-uuid';
    },
  },
  {
    rule: 'XAPI-00038 an Agent has exactly one IFI',
    valid: () => {},
    invalid: (s) => {
      s.actor.openid = 'https://id.example.org/ada';
    },
  },
  {
    rule: 'XAPI-00040 mbox is a mailto IRI',
    valid: () => {},
    invalid: (s) => {
      s.actor.mbox = 'ada@example.org';
    },
  },
  {
    rule: 'XAPI-00041 mbox_sha1sum is hex SHA-1',
    valid: (s) => {
      s.actor = { mbox_sha1sum: 'a'.repeat(40) };
    },
    invalid: (s) => {
      s.actor = { mbox_sha1sum: 'xyz' };
    },
  },
  {
    rule: 'XAPI-00044 account homePage is an IRL',
    valid: (s) => {
      s.actor = { account: { homePage: 'https://praxis.test', name: 'u1' } };
    },
    invalid: (s) => {
      s.actor = { account: { homePage: 'praxis', name: 'u1' } };
    },
  },
  {
    rule: 'XAPI-00035 an anonymous Group lists members',
    valid: (s) => {
      s.actor = { objectType: 'Group', member: [{ mbox: 'mailto:a@b.org' }] };
    },
    invalid: (s) => {
      s.actor = { objectType: 'Group' };
    },
  },
  {
    rule: 'XAPI-00036 Groups do not nest',
    valid: (s) => {
      s.actor = { objectType: 'Group', mbox: 'mailto:g@b.org', member: [] };
    },
    invalid: (s) => {
      s.actor = { objectType: 'Group', member: [{ objectType: 'Group', member: [] }] };
    },
  },
  {
    rule: 'XAPI-00050 verb id is an IRI',
    valid: () => {},
    invalid: (s) => {
      s.verb.id = 'experienced';
    },
  },
  {
    rule: 'XAPI-00032 language maps use RFC 5646 tags',
    valid: (s) => {
      s.verb.display = { 'zh-Hans-CN': '体验' };
    },
    invalid: (s) => {
      s.verb.display = { 'not a tag': 'x' };
    },
  },
  {
    rule: 'XAPI-00053 activity id is an IRI',
    valid: () => {},
    invalid: (s) => {
      s.object.id = 'lesson 1';
    },
  },
  {
    rule: 'XAPI-00064 interaction properties need an interactionType',
    valid: (s) => {
      s.object.definition = { interactionType: 'choice', choices: [{ id: 'a' }] };
    },
    invalid: (s) => {
      s.object.definition = { choices: [{ id: 'a' }] };
    },
  },
  {
    rule: 'XAPI-00067 interaction component ids are unique',
    valid: (s) => {
      s.object.definition = { interactionType: 'choice', choices: [{ id: 'a' }, { id: 'b' }] };
    },
    invalid: (s) => {
      s.object.definition = { interactionType: 'choice', choices: [{ id: 'a' }, { id: 'a' }] };
    },
  },
  {
    rule: 'XAPI-00072 StatementRef id is a UUID',
    valid: (s) => {
      s.object = { objectType: 'StatementRef', id: crypto.randomUUID() };
    },
    invalid: (s) => {
      s.object = { objectType: 'StatementRef', id: '42' };
    },
  },
  {
    rule: 'XAPI-00074 a SubStatement has no id',
    valid: (s) => {
      s.object = { objectType: 'SubStatement', ...base() };
    },
    invalid: (s) => {
      s.object = { objectType: 'SubStatement', ...base(), id: crypto.randomUUID() };
    },
  },
  {
    rule: 'XAPI-00075 SubStatements do not nest',
    valid: (s) => {
      s.object = { objectType: 'SubStatement', ...base() };
    },
    invalid: (s) => {
      s.object = { objectType: 'SubStatement', ...base(), object: { objectType: 'SubStatement', ...base() } };
    },
  },
  {
    rule: 'XAPI-00078 scaled score is within -1..1',
    valid: (s) => {
      s.result = { score: { scaled: 0.5 } };
    },
    invalid: (s) => {
      s.result = { score: { scaled: 1.5 } };
    },
  },
  {
    rule: 'XAPI-00080 raw score is at least min',
    valid: (s) => {
      s.result = { score: { raw: 5, min: 0, max: 10 } };
    },
    invalid: (s) => {
      s.result = { score: { raw: -1, min: 0, max: 10 } };
    },
  },
  {
    rule: 'XAPI-00085 duration is ISO 8601',
    valid: (s) => {
      s.result = { duration: 'PT1H30M' };
    },
    invalid: (s) => {
      s.result = { duration: 'P4W1D' };
    },
  },
  {
    rule: 'XAPI-00087 registration is a UUID',
    valid: (s) => {
      s.context = { registration: crypto.randomUUID() };
    },
    invalid: (s) => {
      s.context = { registration: 'r1' };
    },
  },
  {
    rule: 'XAPI-00089 revision only for activities',
    valid: (s) => {
      s.context = { revision: '2' };
    },
    invalid: (s) => {
      s.object = { objectType: 'Agent', mbox: 'mailto:b@c.org' };
      s.context = { revision: '2' };
    },
  },
  {
    rule: 'XAPI-00091 context language is a tag',
    valid: (s) => {
      s.context = { language: 'ar' };
    },
    invalid: (s) => {
      s.context = { language: 'arabic language' };
    },
  },
  {
    rule: 'XAPI-00095 authority Group is two agents',
    valid: (s) => {
      s.authority = { objectType: 'Group', member: [{ mbox: 'mailto:a@b.org' }, { mbox: 'mailto:c@b.org' }] };
    },
    invalid: (s) => {
      s.authority = { objectType: 'Group', member: [{ mbox: 'mailto:a@b.org' }] };
    },
  },
  {
    rule: 'XAPI-00097 version is 1.0.x',
    valid: (s) => {
      s.version = '1.0.3';
    },
    invalid: (s) => {
      s.version = '2.0.0';
    },
  },
  {
    rule: 'XAPI-00104 attachment usageType is an IRI',
    valid: (s) => {
      s.attachments = [
        { usageType: 'http://x.org/u', display: { en: 'a' }, contentType: 'text/plain', length: 1, sha2: sha },
      ];
    },
    invalid: (s) => {
      s.attachments = [{ usageType: 'u', display: { en: 'a' }, contentType: 'text/plain', length: 1, sha2: sha }];
    },
  },
  {
    rule: 'XAPI-00106 attachment length is an integer',
    valid: (s) => {
      s.attachments = [
        { usageType: 'http://x.org/u', display: { en: 'a' }, contentType: 'text/plain', length: 0, sha2: sha },
      ];
    },
    invalid: (s) => {
      s.attachments = [
        { usageType: 'http://x.org/u', display: { en: 'a' }, contentType: 'text/plain', length: 1.5, sha2: sha },
      ];
    },
  },
  {
    rule: 'XAPI-00010 voiding targets a StatementRef',
    valid: (s) => {
      s.verb = { id: 'http://adlnet.gov/expapi/verbs/voided' };
      s.object = { objectType: 'StatementRef', id: crypto.randomUUID() };
    },
    invalid: (s) => {
      s.verb = { id: 'http://adlnet.gov/expapi/verbs/voided' };
    },
  },
  {
    rule: 'XAPI-00118 extension keys are IRIs',
    valid: (s) => {
      s.context = { extensions: { 'https://praxis.test/ext/x': 1 } };
    },
    invalid: (s) => {
      s.context = { extensions: { x: 1 } };
    },
  },
  {
    rule: 'XAPI-00120 timestamp is ISO 8601, no negative zero offset',
    valid: (s) => {
      s.timestamp = '2026-01-02T03:04:05.678+01:00';
    },
    invalid: (s) => {
      s.timestamp = '2026-01-02T03:04:05-00:00';
    },
  },
  {
    rule: 'values are never null',
    valid: () => {},
    invalid: (s) => {
      s.result = null;
    },
  },
];

describe('statement validation rules', () => {
  for (const { rule, valid, invalid } of rules) {
    it(`accepts a valid case: ${rule}`, () => {
      const s = base();
      valid(s);

      expect(() => checkStatement(s)).not.toThrow();
    });

    it(`refuses an invalid case with 400: ${rule}`, () => {
      const s = base();
      invalid(s);

      expect(() => checkStatement(s)).toThrow(expect.objectContaining({ status: 400, code: 'invalid_statement' }));
    });
  }
});
