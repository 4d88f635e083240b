/**
 * Fills an EMPTY database with a realistic, seeded programme, through the same services as the app:
 *   npm run seed-demo [-- --learners 2000 --seed 2025]
 * then `npm start` and sign in with the printed accounts.
 */
import { loadConfig } from '../server/config.js';
import { buildDeps } from '../server/container.js';
import { createLogger } from '../server/log.js';
import { fail, parseCli } from './lib/cli.js';
import { DEMO_PASSWORD, seedDemo } from './lib/demo-programme.js';

const USAGE = `Usage: npm run seed-demo [-- --learners N] [--seed N]

Fills an empty database (created if missing) with a seeded two-year demo programme.
  --learners N   how many learners (default 2000)
  --seed N       the random seed (default 2025): the same seed gives the same programme`;
const { values } = parseCli('seed-demo', USAGE, {
  learners: { type: 'string', default: '2000' },
  seed: { type: 'string', default: '2025' },
});
for (const k of ['learners', 'seed'] as const)
  if (!/^\d+$/.test(values[k] ?? '')) fail('seed-demo', `--${k} must be a whole number`, USAGE);

async function main() {
  const deps = await buildDeps(loadConfig(), createLogger('warn'));
  try {
    const t0 = performance.now();
    const r = await seedDemo(deps, {
      seed: Number(values.seed),
      learners: Number(values.learners),
      now: new Date(),
      log: (m) => process.stderr.write(`  ${m}\n`),
    });
    console.log(
      `Seeded ${r.users} accounts, ${r.statements} statements, ${r.trainers} certified trainers and ${r.sessions} delivered sessions in the ${deps.store.kind} store (${((performance.now() - t0) / 1000).toFixed(0)} s).`,
    );
    console.log(`Sign in with the password "${DEMO_PASSWORD}":`);
    console.log(`  administrator  ${r.admin.email}`);
    console.log(`  manager        ${r.manager.email}   (see /stats and /stats/report)`);
    if (r.trainer) console.log(`  trainer        ${r.trainer.email}   (see /training)`);
    console.log(`  learner        ${r.learner.email}`);
  } catch (err) {
    console.error((err as Error).message);
    process.exitCode = 1;
  } finally {
    await deps.store.close();
  }
}

main();
