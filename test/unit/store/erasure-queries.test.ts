import { describe, expect, it } from 'vitest';
import { Query } from 'mingo';
import {
  countedStatementsOfAgentsFilter,
  attachmentInUseFilter,
  attemptsOfEnrolmentsFilter,
  documentsOfAgentsFilter,
  ownedByUserFilter,
  referringFilter,
  statementsOfAgentsFilter,
} from '../../../server/store/mongo/erasure-queries.js';

const ids = (docs: object[], filter: object) =>
  new Query(filter as never)
    .find(docs as never[])
    .all()
    .map((d) => (d as { _id: unknown })._id);

describe('mongo erasure filters (run with mingo)', () => {
  const statements = [
    { _id: 's1', relatedAgents: ['account:h|ada'], targetStatement: null, body: { attachments: [{ sha2: 'abc' }] } },
    { _id: 's2', relatedAgents: ['account:h|bo', 'account:h|ada'], targetStatement: null, body: {} },
    { _id: 's3', relatedAgents: ['account:h|bo'], targetStatement: 's1', body: {} },
    {
      _id: 's4',
      relatedAgents: ['mbox:mailto:ada@x.org'],
      targetStatement: null,
      body: { attachments: [{ sha2: 'ABC' }] },
    },
  ];

  it("finds statements naming any of the learner's agents, as actor or related agent", () => {
    expect(ids(statements, statementsOfAgentsFilter(['account:h|ada', 'mbox:mailto:ada@x.org']))).toEqual([
      's1',
      's2',
      's4',
    ]);
  });

  it('finds the live statements a learner made, which the statistics counted', () => {
    const own = [
      { _id: 'a', actor: 'account:h|ada', voided: false, isVoiding: false },
      { _id: 'b', actor: 'account:h|ada', voided: true, isVoiding: false },
      { _id: 'c', actor: 'account:h|ada', voided: false, isVoiding: true },
      { _id: 'd', actor: 'account:h|bo', voided: false, isVoiding: false },
    ];
    expect(ids(own, countedStatementsOfAgentsFilter(['account:h|ada']))).toEqual(['a']);
  });

  it('finds statements referring to erased ones', () => {
    expect(ids(statements, referringFilter(['s1', 's2']))).toEqual(['s3']);
  });

  it('tells whether an attachment hash is still carried, whatever its case', () => {
    expect(ids(statements, attachmentInUseFilter('abc'))).toEqual(['s1', 's4']);
    expect(ids(statements, attachmentInUseFilter('def'))).toEqual([]);
  });

  it('finds documents by agent and sessions or tokens by user', () => {
    expect(
      ids(
        [
          { _id: 'd1', agent: 'account:h|ada' },
          { _id: 'd2', agent: 'account:h|bo' },
        ],
        documentsOfAgentsFilter(['account:h|ada']),
      ),
    ).toEqual(['d1']);
    expect(
      ids(
        [
          { _id: 't1', userId: 'u1' },
          { _id: 't2', userId: 'u2' },
        ],
        ownedByUserFilter('u2'),
      ),
    ).toEqual(['t2']);
    expect(
      ids(
        [
          { _id: 'a1', enrolmentId: 'e1' },
          { _id: 'a2', enrolmentId: 'e2' },
        ],
        attemptsOfEnrolmentsFilter(['e2']),
      ),
    ).toEqual(['a2']);
  });
});
