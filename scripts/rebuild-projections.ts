/**
 * Recomputes the projections from the statement ledger: the learning progress of every registration
 * (one transaction each), then every stats counter (from the ledger, the profile history and the
 * trainers table). Run it after restoring a backup or changing how statements are counted.
 */
import { parseCli, withStore } from './lib/cli.js';

parseCli(
  'rebuild-projections',
  `Usage: npm run rebuild-projections

Recomputes learning progress and the statistics counters from the xAPI ledger of the configured
database (SQLITE_FILE or MONGODB_URI). The figures equal those kept incrementally.`,
  {},
);

await withStore('rebuild-projections', async (store) => {
  const t0 = performance.now();
  const statements = await store.statements.count();
  const learning = await store.learning.rebuild();
  console.log(`Rebuilt the learning progress of ${learning.registrations} registrations: ${learning.changed} changed.`);
  await store.stats.rebuild();
  const counters = (await store.stats.dump()).length;
  console.log(
    `Rebuilt the stats projection of ${statements} statements in the ${store.kind} store: ${counters} counters, ${((performance.now() - t0) / 1000).toFixed(1)} s.`,
  );
});
