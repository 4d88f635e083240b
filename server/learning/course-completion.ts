import type { LedgerChange, UserRecord } from '../store/store.js';

export interface CourseCompletedEvent { user: UserRecord; course: { slug: string; version: string; title: Record<string,string>; defaultLanguage: string; languages: string[]; estimatedMinutes: number; certificate: boolean }; registration: string; completedAt: Date }
export type CompletionHook = (event: CourseCompletedEvent) => Partial<LedgerChange> | Promise<Partial<LedgerChange>>
