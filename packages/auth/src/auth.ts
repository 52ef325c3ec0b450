import {
  defineMiddleware,
  type GatewayContext,
  GatewayError,
  type Next,
  type Principal,
  type RouteContext,
  type RouteMiddleware,
} from '@signalbox/core';
import { adminRoutes } from './admin-api.js';
import { type AuthOptions, checkAuthOptions, providerKeyHeaderPrefix } from './auth-options.js';
import type { GatewayKeyRecord } from './gateway-key.js';
import { hashKey, keyDisplayPrefix, staticKeyId } from './key-hash.js';
import { createKeyManager } from './key-manager.js';
import type { KeyStore } from './key-store.js';
import { createGrantCache, grantOf, type KeyGrant, principalOfGrant, stateOfGrant } from './key-grant.js';
import { createKeyLookup, type ResolvedKey } from './key-resolver.js';
import { MemoryKeyStore } from './memory-key-store.js';
import { isModelAllowed, requestedModels } from './model-allowlist.js';
import { PROVIDER_KEY_HEADER_PREFIX, takeHeaderKeys } from './provider-key-headers.js';
import { presentedKey, type RefusedCredential } from './read-credential.js';
import { redactAttempts, redactError, redactStream, secretsOf } from './redact-secrets.js';
import { createSecretBox, type SecretBox, secretBoxFromEnv } from './secret-box.js';

function unauthorized(message: string): GatewayError {
  return new GatewayError(message, { status: 401, type: 'authentication_error', code: 'invalid_api_key' });
}

function refusal(credential: RefusedCredential): GatewayError {
  return credential.type === 'missing'
    ? unauthorized(
        "Missing API key: send your gateway key as 'Authorization: Bearer <key>' or 'x-api-key: <key>'.",
      )
    : unauthorized(credential.reason);
}

function staticRecords(options: AuthOptions): Map<string, GatewayKeyRecord> {
  const hashes = [...(options.keys ?? []).map(hashKey), ...(options.keyHashes ?? [])];
  return new Map(
    hashes.map((hash) => [hash, { id: staticKeyId(hash), hash, prefix: '', createdAt: new Date(0) }]),
  );
}

/** The rest of the chain with the principal's provider keys scrubbed from what comes back. */
async function guarded(context: RouteContext, next: Next, secrets: string[]): Promise<void> {
  const call = context as Partial<GatewayContext>;
  try {
    await next();
  } catch (error) {
    if (call.attempts) redactAttempts(call.attempts, secrets);
    throw redactError(error, secrets);
  }
  if (call.attempts) redactAttempts(call.attempts, secrets);
  if (call.stream) call.stream = redactStream(call.stream, secrets, call.attempts);
}

function checkAllowlist(principal: Principal, context: RouteContext): void {
  const request = (context as Partial<GatewayContext>).request;
  if (!request || !principal.allowedModels) return;
  for (const model of requestedModels(request)) {
    if (isModelAllowed(model, principal.allowedModels)) continue;
    throw new GatewayError(
      `The model '${model}' is not allowed for this ${principal.kind === 'key' ? 'API key' : 'principal'}.`,
      { status: 403, type: 'permission_error', code: 'model_not_allowed', param: 'model' },
    );
  }
}

/**
 * Gateway auth for every route: gateway keys sent as `Authorization: Bearer <key>` or
 * `x-api-key: <key>`, looked up by SHA-256 hash among the static `keys` and in the key `store`
 * (memory by default, Postgres to share them). Refusals are 401s in the endpoint's shape that say
 * why (missing, malformed, unknown, disabled, expired); a model outside the key's allowlist is a
 * 403 naming it. Sets the principal (`{ id, kind: 'key', keyPrefix, projectId, allowedModels,
 * providerKeys }`) and `state.auth` (the key's and project's limits, for `rateLimits()`).
 *
 * The host app's principal (the bindings' `principal(req)` option) is accepted as is. BYOK: keys
 * stored sealed on the key, and, when `providerKeyHeaders` is on, per-request
 * `x-signalbox-provider-key-<provider>` headers; both become `principal.providerKeys`, and
 * errors, attempts and stream errors are scrubbed of them. With `admin`, serves the admin API.
 *
 * @example
 * createGateway({ providers, use: [auth({ store: new PostgresKeyStore({ client: pool }), admin: { key } })] })
 */
export function auth(options: AuthOptions = {}): RouteMiddleware {
  checkAuthOptions('auth', options);
  const trustHost = options.trustHostPrincipal ?? true;
  const store: KeyStore | undefined = options.store ?? (options.admin ? new MemoryKeyStore() : undefined);
  const secretBox: SecretBox | undefined =
    typeof options.encryptionKey === 'string'
      ? createSecretBox(options.encryptionKey)
      : (options.encryptionKey ?? (store ? secretBoxFromEnv() : undefined)); // static keys hold no secrets
  const resolver = createKeyLookup({
    staticKeys: staticRecords(options),
    store,
    cacheTtlMs: options.cacheTtlMs ?? 10_000,
    secretBox,
  });
  const allowHeaderKeys = providerKeyHeaderPrefix(options) !== undefined;
  const headerPrefix = providerKeyHeaderPrefix(options) ?? PROVIDER_KEY_HEADER_PREFIX;
  const cachedGrant = createGrantCache();

  /**
   * Checks a found key and sets `state.auth`; its principal. `lasting`: `found` is a static or
   * cached key (the same object for a while), whose grant is worth remembering.
   */
  function admit(
    found: ResolvedKey | undefined,
    presented: string,
    context: RouteContext,
    lasting: boolean,
  ): Principal {
    if (!found) throw unauthorized(`Invalid API key provided: ${keyDisplayPrefix(presented)}`);
    const { record } = found;
    if (record.disabledAt) throw unauthorized('This API key has been disabled.');
    if (record.expiresAt && record.expiresAt.getTime() <= context.clock.now()) {
      throw unauthorized(`This API key expired on ${record.expiresAt.toISOString()}.`);
    }
    const grant: KeyGrant = lasting ? cachedGrant(found, presented) : grantOf(found, presented);
    context.state.auth = stateOfGrant(grant);
    return principalOfGrant(grant);
  }

  /** Per-request provider keys, the principal, the allowlist; then the rest of the chain. */
  function proceed(context: RouteContext, next: Next, principal: Principal): Promise<void> {
    const headerKeys = takeHeaderKeys(context.http.headers, allowHeaderKeys, headerPrefix, context.providers);
    if (headerKeys) principal.providerKeys = { ...principal.providerKeys, ...headerKeys };
    context.principal = principal;
    checkAllowlist(principal, context);
    if (principal.providerKeys === undefined) return next();
    const secrets = secretsOf(principal.providerKeys);
    return secrets.length === 0 ? next() : guarded(context, next, secrets);
  }

  /** A key the resolver must look up (a store key not cached yet). */
  async function proceedAfterLookup(
    context: RouteContext,
    next: Next,
    presented: string,
    hash: string,
  ): Promise<void> {
    const principal = admit(await resolver.find(hash), presented, context, false);
    return proceed(context, next, principal);
  }

  const routes = options.admin
    ? adminRoutes({
        manager: createKeyManager({
          store: store ?? new MemoryKeyStore(), // always set when admin is
          ...(secretBox && { secretBox }),
          onKeyChanged: (hash) => resolver.invalidate(hash),
        }),
        adminKey: options.admin.key,
        ...(options.admin.prefix !== undefined && { prefix: options.admin.prefix }),
        isGatewayKey: async (hash) => (await resolver.find(hash).catch(() => undefined)) !== undefined,
      })
    : [];

  // Not async: a static or cached key (the usual case) is admitted without a promise of its own.
  return defineMiddleware<RouteContext>(
    'auth',
    function auth(context, next) {
      try {
        if (context.principal && trustHost) return proceed(context, next, { ...context.principal });
        const presented = presentedKey(context.http.headers);
        if (typeof presented !== 'string') throw refusal(presented);
        const hash = hashKey(presented); // the only hash of the presented key
        const found = resolver.peek(hash);
        if (found === undefined) return proceedAfterLookup(context, next, presented, hash);
        return proceed(context, next, admit(found, presented, context, true));
      } catch (error) {
        return Promise.reject(error);
      }
    },
    { scope: 'all', routes, close: async () => store?.close?.() },
  ) as RouteMiddleware;
}
