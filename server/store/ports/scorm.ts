/** SCORM run-time data (CMI): one record per learner, registration, SCO and attempt. */

export type ScormCompletion = 'completed' | 'incomplete' | 'not attempted' | 'unknown';
export type ScormSuccess = 'passed' | 'failed' | 'unknown';

export interface ScormInteraction {
  id: string;
  type: string | null;
  description: string | null;
  timestamp: string | null;
  learnerResponse: string | null;
  correctResponses: string[];
  result: string | null;
  weighting: number | null;
  latency: string | null;
  objectives: string[];
}

export interface ScormObjective {
  id: string;
  description: string | null;
  completionStatus: ScormCompletion;
  successStatus: ScormSuccess;
  progressMeasure: number | null;
  scoreRaw: number | null;
  scoreMin: number | null;
  scoreMax: number | null;
  scoreScaled: number | null;
}

/** The CMI data model of one attempt, normalised across SCORM 1.2 and 2004. */
export interface ScormCmi {
  location: string;
  suspendData: string;
  /** SCORM 1.2 `cmi.core.lesson_status` as the SCO set it; null for 2004. */
  lessonStatus: string | null;
  completionStatus: ScormCompletion;
  successStatus: ScormSuccess;
  scoreRaw: number | null;
  scoreMin: number | null;
  scoreMax: number | null;
  scoreScaled: number | null;
  progressMeasure: number | null;
  /** Seconds: the session times of the attempt's finished sessions, added up. */
  totalTime: number;
  /** The open session (one launch) and the session_time it last reported, in seconds. */
  sessionId: string | null;
  sessionTime: number;
  /** The highest commit sequence applied in the open session: a retried or late commit is not applied twice. */
  sequence: number;
  entry: string;
  exit: string;
  interactions: ScormInteraction[];
  objectives: ScormObjective[];
}

export interface ScormAttemptRecord {
  id: string;
  registration: string;
  userId: string;
  courseSlug: string;
  scoId: string;
  attempt: number; // 1, 2, ...
  /** Bumped by every write: a concurrent commit is detected inside the transaction. */
  version: number;
  /** Sessions started in this attempt (the first one is `initialized`, later ones `resumed`). */
  sessions: number;
  cmi: ScormCmi;
  startedAt: Date;
  updatedAt: Date;
  /** When the attempt was finished with normal exit (a new attempt is then an explicit choice). */
  endedAt: Date | null;
}

/**
 * Written by the ledger transaction with the statements that describe it. `expectedVersion` null
 * creates the attempt (StaleProgressError if it exists); a number updates it only at that version.
 */
export interface ScormAttemptChange {
  attempt: Omit<ScormAttemptRecord, 'version'>;
  expectedVersion: number | null;
}

export interface ScormRepo {
  attempt(id: string): Promise<ScormAttemptRecord | null>;
  /** Every attempt of one SCO in a registration, oldest first. */
  attempts(registration: string, scoId: string): Promise<ScormAttemptRecord[]>;
  /** Every attempt of every SCO in a registration, by SCO then attempt number. */
  ofRegistration(registration: string): Promise<ScormAttemptRecord[]>;
  /** The newest attempt of each SCO in a registration. */
  latestAttempts(registration: string): Promise<ScormAttemptRecord[]>;
}
