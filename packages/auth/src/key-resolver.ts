import { GatewayError } from '@signalbox/core';
import type { GatewayKeyRecord, ProjectRecord } from './gateway-key.js';
import type { KeyStore } from './key-store.js';
import type { SecretBox } from './secret-box.js';

/** A key found by its hash, with its project and its provider keys opened. */
export interface ResolvedKey {
  record: GatewayKeyRecord;
  project?: ProjectRecord;
  /** The key's own provider keys in clear (BYOK). Never logged. */
  providerKeys?: Record<string, string>;
}

/** Options of {@link createKeyResolver}. */
export interface KeyResolverOptions {
  /** Keys given in the options, by hash; looked up first. */
  staticKeys: ReadonlyMap<string, GatewayKeyRecord>;
  store: KeyStore | undefined;
  /** How long a found key is remembered, ms; 0 turns the cache off. */
  cacheTtlMs: number;
  /** Most keys remembered (oldest dropped first). */
  maxEntries?: number;
  secretBox: SecretBox | undefined;
  /** Time source for the cache, ms; default `Date.now`. */
  now?: () => number;
}

/** Looks keys up by hash, remembering found ones briefly. */
export interface KeyResolver {
  /**
   * The usable key with this hash (static keys first, then the store), with its BYOK keys opened;
   * undefined when unknown.
   */
  find(hash: string): Promise<ResolvedKey | undefined>;
  /** Forgets one key (after an admin change) or every key. */
  invalidate(hash?: string): void;
}

/** The resolver as `auth()` uses it: with a synchronous look at what needs no I/O. */
export interface KeyLookup extends KeyResolver {
  /**
   * The key with this hash when it is known without I/O (a static key, or a cached key within its
   * TTL), else undefined (then `find` it). The same object for every request until it expires or
   * is invalidated, so callers may derive data from it once (by identity).
   */
  peek(hash: string): ResolvedKey | undefined;
}

function openProviderKeys(record: GatewayKeyRecord, box: SecretBox | undefined): Record<string, string> {
  const opened: Record<string, string> = {};
  for (const [provider, sealed] of Object.entries(record.providerKeys ?? {})) {
    try {
      if (!box) throw new Error('no encryption key');
      opened[provider] = box.open(sealed, `${record.id}:${provider}`);
    } catch {
      // Never fall back to the operator's key: the principal asked to be billed on its own.
      throw new GatewayError(
        `The provider key stored for '${provider}' on this API key cannot be decrypted: check SIGNALBOX_ENCRYPTION_KEY on the gateway.`,
        { status: 500, type: 'api_error', code: 'provider_key_unavailable' },
      );
    }
  }
  return opened;
}

/**
 * The key lookup behind `auth()`. A lookup is by SHA-256 hash, in a `Map` (static keys, the
 * memory store) or a unique index (Postgres): no constant-time loop over keys is needed, because
 * what is compared is the digest of a 256-bit secret. Timing can at most reveal how much of a
 * *digest* matched, and an attacker cannot choose digests (preimage resistance), so it tells
 * nothing about any key.
 *
 * Found keys are cached for `cacheTtlMs` (default 10 s in `auth()`): a key disabled or deleted
 * through another process keeps working here for at most that long (the admin API of this process
 * invalidates at once). Expiry is checked on every request, so it is exact. Unknown keys are not
 * cached, so a new key works at once; concurrent lookups of one hash share one store query.
 */
export function createKeyResolver(options: KeyResolverOptions): KeyResolver {
  return createKeyLookup(options);
}

/** {@link createKeyResolver} with {@link KeyLookup.peek}, for `auth()`. */
export function createKeyLookup(options: KeyResolverOptions): KeyLookup {
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? 10_000;
  const cache = new Map<string, { value: ResolvedKey; expiresAt: number }>();
  const inFlight = new Map<string, Promise<ResolvedKey | undefined>>();
  // One ResolvedKey per static record, made on first use: no object per request.
  const staticResolved = new WeakMap<GatewayKeyRecord, ResolvedKey>();
  let generation = 0; // bumped by invalidate(): a lookup that started before it is not cached

  function staticKey(record: GatewayKeyRecord): ResolvedKey {
    let resolved = staticResolved.get(record);
    if (!resolved) {
      resolved = { record };
      staticResolved.set(record, resolved);
    }
    return resolved;
  }

  async function load(hash: string): Promise<ResolvedKey | undefined> {
    const started = generation;
    const record = await options.store?.findKeyByHash(hash);
    if (!record) return undefined;
    const project =
      record.projectId === undefined ? undefined : await options.store?.getProject(record.projectId);
    const providerKeys = record.providerKeys ? openProviderKeys(record, options.secretBox) : undefined;
    const value: ResolvedKey = { record, ...(project && { project }), ...(providerKeys && { providerKeys }) };
    if (options.cacheTtlMs > 0 && started === generation) {
      if (cache.size >= maxEntries) {
        const oldest = cache.keys().next().value;
        if (oldest !== undefined) cache.delete(oldest);
      }
      cache.set(hash, { value, expiresAt: now() + options.cacheTtlMs });
    }
    return value;
  }

  function peek(hash: string): ResolvedKey | undefined {
    const fixed = options.staticKeys.get(hash);
    if (fixed) return staticKey(fixed);
    const cached = cache.get(hash);
    if (cached) {
      if (cached.expiresAt > now()) return cached.value;
      cache.delete(hash);
    }
    return undefined;
  }

  return {
    peek,
    async find(hash) {
      const known = peek(hash);
      if (known) return known;
      let pending = inFlight.get(hash);
      if (!pending) {
        pending = load(hash).finally(() => inFlight.delete(hash));
        inFlight.set(hash, pending);
      }
      return pending;
    },
    invalidate(hash) {
      generation += 1;
      if (hash === undefined) cache.clear();
      else cache.delete(hash);
    },
  };
}
