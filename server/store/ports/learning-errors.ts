import { ConflictError } from '../../errors.js';

/** The fact is already in the store (a double post): the caller treats it as done, nothing was written twice. */
export class AlreadyRecordedError extends ConflictError {
  constructor(what: string) {
    super('already_recorded', `Already recorded: ${what}.`);
  }
}

/** The enrolment changed since it was read: the caller re-reads and decides again. */
export class StaleProgressError extends ConflictError {
  constructor() {
    super('progress_changed', 'The progress changed meanwhile; try again.');
  }
}

/** Every attempt allowed for this quiz has been used. */
export class AttemptLimitError extends ConflictError {
  constructor() {
    super('attempt_limit', 'No attempts left for this quiz.');
  }
}
