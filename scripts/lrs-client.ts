/**
 * LRS client credentials from the command line:
 *   npm run lrs-client -- create --name "Authoring tool" --scopes statements/write,statements/read/mine
 *   npm run lrs-client -- list
 *   npm run lrs-client -- revoke <key>
 * The secret is printed once, at creation; only its hash is stored.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.js';
import { openStore } from '../server/container.js';
import { createLrsClientService } from '../server/xapi/lrs-client-service.js';

async function main() {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { name: { type: 'string' }, scopes: { type: 'string', default: 'all' } } });
  const [command, arg] = positionals;
  const config = loadConfig();
  const store = await openStore(config);
  const clients = createLrsClientService({ store, publicUrl: config.PUBLIC_URL });
  try {
    if (command === 'create') {
      const c = await clients.create({ name: values.name ?? '', scopes: values.scopes!.split(/[,\s]+/).filter(Boolean) });
      console.log(`key:    ${c.key}\nsecret: ${c.secret}\nscopes: ${c.scopes.join(' ')}\nThe secret is shown only now; store it safely.`);
    } else if (command === 'list') {
      for (const c of await clients.list()) console.log([c.key, c.revoked ? 'revoked' : 'active', c.scopes.join(','), c.createdAt.toISOString(), c.name].join('\t'));
    } else if (command === 'revoke' && arg) {
      await clients.revoke(arg);
      console.log(`revoked ${arg}`);
    } else {
      console.error('usage: lrs-client create --name NAME [--scopes all|statements/write,...] | list | revoke KEY');
      process.exitCode = 2;
    }
  } catch (err) {
    console.error((err as Error).message);
    process.exitCode = 1;
  } finally {
    await store.close();
  }
}

await main();
