/**
 * Creates the first administrator, or promotes an existing account.
 *   npm run create-admin -- --email you@example.org --password "a long passphrase" --name "Your Name" --country AT
 */
import { z } from 'zod';
import { isCountryCode } from '../server/accounts/countries.js';
import { loadConfig } from '../server/config.js';
import { buildDeps } from '../server/container.js';
import { createLogger } from '../server/log.js';
import { openExistingStore, parseCli } from './lib/cli.js';

const USAGE = `Usage: npm run create-admin -- --email EMAIL [--password PASSWORD] [--name NAME] [--country CC]

Creates an administrator account, or gives the administrator role to an existing account (then only
--email is needed). The database must exist: start Praxis once with npm start first.`;

const Args = z.object({
  email: z.email('--email must be an e-mail address'),
  password: z.string().optional(),
  name: z.string().min(1).max(120).optional(),
  country: z
    .string()
    .toUpperCase()
    .refine(isCountryCode, '--country must be an ISO 3166-1 alpha-2 code such as KE or FR')
    .optional(),
});

async function main() {
  const { values } = parseCli('create-admin', USAGE, {
    email: { type: 'string' },
    password: { type: 'string' },
    name: { type: 'string' },
    country: { type: 'string' },
  });
  const parsed = Args.safeParse(values);
  if (!parsed.success) {
    console.error(parsed.error.issues.map((i) => `${i.path.join('.') || 'arguments'}: ${i.message}`).join('\n'));
    console.error('Try: npm run create-admin -- --help');
    process.exit(2);
  }
  const config = loadConfig();
  const deps = await buildDeps(
    config,
    createLogger('warn', { destination: process.stderr }),
    await openExistingStore('create-admin', config),
  );
  try {
    const { user, created } = await deps.accounts.ensureAdmin({
      email: parsed.data.email,
      password: parsed.data.password,
      displayName: parsed.data.name,
      country: parsed.data.country,
    });
    console.log(
      `${created ? 'Created' : 'Promoted'} administrator ${user.email} (roles: ${user.roles.join(', ')}) in the ${deps.store.kind} store.`,
    );
  } catch (err) {
    const e = err as { code?: string; message: string; key?: string };
    console.error(e.key ? `password: ${deps.i18n.getFixedT('en')(e.key)}` : e.message);
    process.exitCode = 1;
  } finally {
    await deps.store.close();
  }
}

main();
