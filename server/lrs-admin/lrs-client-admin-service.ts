import type { LrsLimits, Store, UserRecord } from '../store/store.js';
import type { LrsClientService } from '../xapi/lrs-client-service.js';

/** The admin pages' use of the LRS client service, with an audit entry for each change. */
export function createLrsClientAdminService(deps: { clients: LrsClientService; store: Store; now?: () => Date }) {
  const now = deps.now ?? (() => new Date());
  return {
    list: () => deps.clients.list(),
    find: (key: string) => deps.store.lrsClients.findByKey(key),
    /** The result carries the secret: show it once, never store or log it. */
    async create(admin: UserRecord, input: { name: string; scopes: string[] }) {
      const created = await deps.clients.create(input);
      await deps.store.audit.append({
        at: now(),
        actorId: admin.id,
        action: 'lrs.client.created',
        targetType: 'lrs_client',
        targetId: created.key,
        details: { name: created.name, scopes: created.scopes },
      });
      return created;
    },
    async setLimits(admin: UserRecord, key: string, limits: Partial<LrsLimits>) {
      await deps.clients.setLimits(key, limits);
      await deps.store.audit.append({
        at: now(),
        actorId: admin.id,
        action: 'lrs.client.limits',
        targetType: 'lrs_client',
        targetId: key,
        details: { limits },
      });
    },
    async revoke(admin: UserRecord, key: string) {
      await deps.clients.revoke(key);
      await deps.store.audit.append({
        at: now(),
        actorId: admin.id,
        action: 'lrs.client.revoked',
        targetType: 'lrs_client',
        targetId: key,
        details: {},
      });
    },
  };
}

export type LrsClientAdminService = ReturnType<typeof createLrsClientAdminService>;
