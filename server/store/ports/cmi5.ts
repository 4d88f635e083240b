/** cmi5 launch sessions (cmi5 spec, sections 8-10): one per launch of an AU for a registration. */
export interface Cmi5SessionRecord {
  id: string;
  registration: string;
  userId: string;
  slug: string;
  version: number;
  auId: string;
  moduleId: string;
  lessonId: string;
  launchMode: 'Normal' | 'Browse' | 'Review';
  language: string;
  launchedAt: Date;
  fetchedAt: Date | null;
  terminatedAt: Date | null;
  abandonedAt: Date | null;
}

export interface Cmi5SessionRepo {
  create(session: Cmi5SessionRecord): Promise<void>;
  find(id: string): Promise<Cmi5SessionRecord | null>;
  /** Marks the fetch URL used, atomically; false when it already was (the auth token is handed out once). */
  claimFetch(id: string, at: Date): Promise<boolean>;
  end(id: string, how: 'terminated' | 'abandoned', at: Date): Promise<void>;
  /** Sessions of an AU in a registration that neither terminated nor were abandoned. */
  open(registration: string, auId: string): Promise<Cmi5SessionRecord[]>;
}
