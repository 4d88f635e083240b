/**
 * Who is a trainer is training's rule: completing Line Up Live Up certifies a trainer. The kernel
 * applies it through this hook (the container hands it to the store) and never names the course.
 */
import type { TrainerHook } from '../ledger/trainer-certification.js';

export const LINE_UP_LIVE_UP = 'line-up-live-up';

export const TRAINER_HOOK: TrainerHook = { course: LINE_UP_LIVE_UP };
