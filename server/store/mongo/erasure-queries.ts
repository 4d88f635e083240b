/** Filters of a learner's erasure, pure so they run with mingo in unit tests. */

/** Statements naming any of the agents anywhere (relatedAgents holds the direct agents too). */
export const statementsOfAgentsFilter = (agents: readonly string[]) => ({ relatedAgents: { $in: [...agents] } });

/** Statements that point at one of these (voiding statements, StatementRefs). */
export const referringFilter = (ids: readonly string[]) => ({ targetStatement: { $in: [...ids] } });

/** State and Agent Profile documents keyed by any of the agents. */
export const documentsOfAgentsFilter = (agents: readonly string[]) => ({ agent: { $in: [...agents] } });

/** A statement that still carries an attachment with this hash. */
export const attachmentInUseFilter = (sha2: string) => ({
  'body.attachments.sha2': { $in: [sha2, sha2.toUpperCase()] },
});

export const ownedByUserFilter = (userId: string) => ({ userId });

/** Quiz attempts of the learner's enrolments. */
export const attemptsOfEnrolmentsFilter = (enrolmentIds: readonly string[]) => ({
  enrolmentId: { $in: [...enrolmentIds] },
});

/** Training sessions a trainer delivered (aggregate counts, but their own work record). */
export const sessionsOfTrainerFilter = (userId: string) => ({ trainerId: userId });

/** The learner's own live statements (as actor): what the statistics counters took from them. */
export const countedStatementsOfAgentsFilter = (agents: readonly string[]) => ({
  actor: { $in: [...agents] },
  voided: false,
  isVoiding: false,
});
