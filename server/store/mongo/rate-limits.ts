import { Schema, type Connection } from 'mongoose';
import type { RateCount, RateLimitRepo } from '../store.js';
import { endedRateFilter, openRateFilter, rateHitUpdate } from './rate-limit-queries.js';

const MAX_TIME_MS = 5000;

export const rateLimitSchema = new Schema(
  {
    _id: { type: String, required: true }, // a hash of what is counted
    count: { type: Number, required: true },
    resetAt: { type: Date, required: true },
    lastAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'rate_limits' },
);
// MongoDB's TTL monitor deletes ended windows by itself (about once a minute); prune() is the exact sweep.
rateLimitSchema.index({ resetAt: 1 }, { expireAfterSeconds: 0 });

type RateDoc = { _id: string; count: number; resetAt: Date; lastAt: Date };
const toCount = (doc: RateDoc): RateCount => ({ count: doc.count, resetAt: doc.resetAt, lastAt: doc.lastAt });

export function mongoRateLimits(conn: Connection) {
  const RateLimit = conn.model('RateLimit', rateLimitSchema);
  const repo: RateLimitRepo = {
    hit: async (key, now, windowMs) => {
      const doc = await RateLimit.findOneAndUpdate({ _id: key }, rateHitUpdate(now, windowMs), {
        upsert: true,
        returnDocument: 'after',
        updatePipeline: true,
      })
        .lean<RateDoc>()
        .maxTimeMS(MAX_TIME_MS);
      if (!doc) throw new Error('rate limit upsert returned no document');
      return toCount(doc);
    },
    get: async (key, now) => {
      const doc = await RateLimit.findOne(openRateFilter(key, now)).lean<RateDoc>().maxTimeMS(MAX_TIME_MS);
      return doc ? toCount(doc) : null;
    },
    reset: async (key) => {
      await RateLimit.deleteOne({ _id: key });
    },
    prune: async (now) => (await RateLimit.deleteMany(endedRateFilter(now))).deletedCount,
  };
  return { repo, models: { RateLimit } };
}
