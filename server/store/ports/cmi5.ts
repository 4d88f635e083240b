/** The learner of a cmi5 launch: an xAPI Agent with an account IFI (cmi5 9.2.0.0-3). */
export interface Cmi5Actor {
  objectType?: 'Agent';
  name?: string;
  account: { homePage: string; name: string };
}

/** cmi5 launch sessions (cmi5 spec, sections 8-10): one per launch of an AU for a registration. */
export interface Cmi5SessionRecord {
  id: string;
  registration: string;
  /** The Praxis learner; null for a launch asked for by an integration (the LMS API) for any actor. */
  userId: string | null;
  /** The integration's actor; null for a Praxis learner, whose actor follows from userId. */
  actor: Cmi5Actor | null;
  slug: string;
  version: number;
  /** The AU's publisher id (cmi5.xml). */
  auId: string;
  /** The activity id the LMS generated for the AU, given to it as `activityId` (cmi5 8.1.5). */
  activityId: string;
  moduleId: string;
  lessonId: string;
  launchMode: 'Normal' | 'Browse' | 'Review';
  language: string;
  launchedAt: Date;
  fetchedAt: Date | null;
  /** When the AU read its learner preferences, and sent initialized (cmi5 11.0, 9.3.0). */
  prefsAt: Date | null;
  initializedAt: Date | null;
  /** The AU's last request with the session's token: the idle sweep abandons sessions quiet for too long. */
  activeAt: Date;
  terminatedAt: Date | null;
  abandonedAt: Date | null;
}

export interface Cmi5SessionRepo {
  create(session: Cmi5SessionRecord): Promise<void>;
  find(id: string): Promise<Cmi5SessionRecord | null>;
  /** Marks the fetch URL used, atomically; false when it already was (the auth token is handed out once). */
  claimFetch(id: string, at: Date): Promise<boolean>;
  /** Records that the AU read its preferences or sent initialized (the first time only), and its activity. */
  mark(id: string, what: 'prefs' | 'initialized', at: Date): Promise<void>;
  touch(id: string, at: Date): Promise<void>;
  /** Ends a session once; false when it had already ended. */
  end(id: string, how: 'terminated' | 'abandoned', at: Date): Promise<boolean>;
  /** Sessions of an AU in a registration that neither terminated nor were abandoned. */
  open(registration: string, auId: string): Promise<Cmi5SessionRecord[]>;
  /** The registration's first session (who and which course version it belongs to); null when it has none. */
  firstOf(registration: string): Promise<Cmi5SessionRecord | null>;
  /** Open sessions whose last activity is before `before`, oldest first. */
  idle(before: Date, limit: number): Promise<Cmi5SessionRecord[]>;
}
