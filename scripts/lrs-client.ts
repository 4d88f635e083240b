/**
 * LRS client credentials from the command line. The secret is printed once, at creation; only its
 * hash is stored.
 */
import { createLrsClientService } from '../server/xapi/lrs-client-service.js';
import { fail, parseCli, withStore } from './lib/cli.js';

const USAGE = `Usage:
  npm run lrs-client -- create --name NAME [--scopes SCOPES]   create a client; prints its key and secret once
  npm run lrs-client -- list                                   list every client
  npm run lrs-client -- revoke KEY                             revoke a client

  --scopes   comma-separated: all, statements/write, statements/read, statements/read/mine, state,
             activities_profile, agents_profile, define (default: all)`;

const { positionals, values } = parseCli(
  'lrs-client',
  USAGE,
  { name: { type: 'string' }, scopes: { type: 'string', default: 'all' } },
  true,
);
const [command, arg] = positionals;
if (!(command === 'create' || command === 'list' || (command === 'revoke' && arg))) {
  fail(
    'lrs-client',
    command
      ? `unknown command "${command}"${command === 'revoke' ? ' (revoke needs a KEY)' : ''}`
      : 'a command is needed',
    USAGE,
  );
}

await withStore('lrs-client', async (store, config) => {
  const clients = createLrsClientService({ store, publicUrl: config.PUBLIC_URL });
  if (command === 'create') {
    const c = await clients.create({
      name: values.name ?? '',
      scopes: (values.scopes ?? 'all').split(/[,\s]+/).filter(Boolean),
    });
    console.log(
      `key:    ${c.key}\nsecret: ${c.secret}\nscopes: ${c.scopes.join(' ')}\nThe secret is shown only now; store it safely.`,
    );
  } else if (command === 'list') {
    for (const c of await clients.list())
      console.log(
        [c.key, c.revoked ? 'revoked' : 'active', c.scopes.join(','), c.createdAt.toISOString(), c.name].join('\t'),
      );
  } else if (arg) {
    await clients.revoke(arg);
    console.log(`revoked ${arg}`);
  }
});
