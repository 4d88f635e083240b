import { ForbiddenError } from '../errors.js';
import { isPlatformAuthority } from '../ledger/platform.js';
import type { Store } from '../store/store.js';
import { hasScope, type LrsPrincipal } from './lrs-client-service.js';
import { VERB_VOIDED } from './statement-rules.js';
import type { Json } from './xapi-formats.js';

/**
 * Voiding a statement whose authority is the platform (a completion, a pass, a certificate) takes
 * the scope praxis/void-platform, which `all` does not include (docs/xapi-lrs.md). One lookup per
 * voiding statement of the batch; other statements cost nothing.
 */
export function voidingGuard(store: Store, publicUrl: string) {
  return async function checkVoidingRights(principal: LrsPrincipal, batch: Json[]): Promise<void> {
    if (hasScope(principal, 'praxis/void-platform')) return;
    for (const s of batch) {
      const verb = s.verb as Json | undefined;
      const target = s.object as Json | undefined;
      if (verb?.id !== VERB_VOIDED || typeof target?.id !== 'string') continue;
      const found = await store.statements.get(target.id.toLowerCase());
      if (found && isPlatformAuthority(found.statement.authority, publicUrl))
        throw new ForbiddenError(
          'void_platform_scope',
          `Statement ${target.id} was recorded by the platform; voiding it needs the scope praxis/void-platform.`,
        );
    }
  };
}
