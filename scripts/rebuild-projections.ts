/**
 * Recomputes every stats counter from the statement ledger (and the trainers table):
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
    await store.stats.rebuild();
    const counters = (await store.stats.dump()).length;
    console.log(`Rebuilt the stats projection of ${statements} statements in the ${store.kind} store: ${counters} counters, ${((performance.now() - t0) / 1000).toFixed(1)} s.`);
  } finally {
    await store.close();
  }
}

main().catch((err) => { console.error(err); process.exitCode = 1; });
