/**
 * Recomputes the projections from the statement ledger: the learning progress of every registration
 * (one transaction each), then every stats counter (from the ledger and the trainers table):
 *   npm run rebuild-projections
 * Run it after restoring a backup or changing how statements are counted.
 */
import { loadConfig } from '../server/config.js';
import { openStore } from '../server/container.js';

async function main() {
  const store = await openStore(loadConfig());
  try {
    const t0 = performance.now();
    const statements = await store.statements.count();
    const learning = await store.learning.rebuild();
    console.log(`Rebuilt the learning progress of ${learning.registrations} registrations: ${learning.changed} changed.`);
    await store.stats.rebuild();
    const counters = (await store.stats.dump()).length;
    console.log(`Rebuilt the stats projection of ${statements} statements in the ${store.kind} store: ${counters} counters, ${((performance.now() - t0) / 1000).toFixed(1)} s.`);
  } finally {
    await store.close();
  }
}

main().catch((err) => { console.error(err); process.exitCode = 1; });
