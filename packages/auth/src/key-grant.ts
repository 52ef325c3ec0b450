import type { Principal } from '@signalbox/core';
import type { AuthState } from './auth-state.js';
import { keyDisplayPrefix } from './key-hash.js';
import type { ResolvedKey } from './key-resolver.js';

/** What `auth()` derives from a found key: the principal and the state it sets, as templates. */
export interface KeyGrant {
  /** Copied per request by {@link principalOfGrant} (never handed out itself). */
  principal: Principal;
  /** Copied per request by {@link stateOfGrant}. */
  state: AuthState;
}

/** The principal and auth state of a found key (`presented` names a key whose record has no prefix). */
export function grantOf(found: ResolvedKey, presented: string): KeyGrant {
  const { record } = found;
  return {
    principal: {
      id: record.id,
      kind: 'key',
      keyPrefix: record.prefix || keyDisplayPrefix(presented),
      ...(record.projectId !== undefined && { projectId: record.projectId }),
      ...(record.name !== undefined && { name: record.name }),
      ...(record.allowedModels !== undefined && { allowedModels: record.allowedModels }),
      ...(found.providerKeys && { providerKeys: found.providerKeys }),
    },
    state: {
      keyId: record.id,
      ...(record.limits && { keyLimits: record.limits }),
      ...(found.project?.limits && { projectLimits: found.project.limits }),
    },
  };
}

/**
 * A request's own principal from a grant: a fresh object, with its own copies of the allowlist
 * and provider keys, so that a middleware changing it cannot change another request's.
 */
export function principalOfGrant(grant: KeyGrant): Principal {
  const principal = { ...grant.principal };
  if (principal.allowedModels) principal.allowedModels = [...principal.allowedModels];
  if (principal.providerKeys) principal.providerKeys = { ...principal.providerKeys };
  return principal;
}

/** A request's own `state.auth` from a grant (a fresh object; the limits are shared, as before). */
export function stateOfGrant(grant: KeyGrant): AuthState {
  return { ...grant.state };
}

/**
 * Grants remembered per found key, by identity: a static key's or a cached key's `ResolvedKey`
 * stays the same object until its TTL ends or it is invalidated, and then a new one gets a new
 * grant (the old one goes with it: a `WeakMap`, bounded by the resolver's own cache).
 */
export function createGrantCache(): (found: ResolvedKey, presented: string) => KeyGrant {
  const grants = new WeakMap<ResolvedKey, KeyGrant>();
  return (found, presented) => {
    let grant = grants.get(found);
    if (!grant) {
      grant = grantOf(found, presented);
      grants.set(found, grant);
    }
    return grant;
  };
}
