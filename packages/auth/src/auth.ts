import {
  defineMiddleware,
  type GatewayContext,
  GatewayError,
  type Principal,
  type RouteContext,
  type RouteMiddleware,
} from '@signalbox/core';
import { adminRoutes } from './admin-api.js';
import { type AuthOptions, checkAuthOptions, providerKeyHeaderPrefix } from './auth-options.js';
import type { AuthState } from './auth-state.js';
import type { GatewayKeyRecord } from './gateway-key.js';
import { hashKey, keyDisplayPrefix, staticKeyId } from './key-hash.js';
import { createKeyManager } from './key-manager.js';
import type { KeyStore } from './key-store.js';
import { createKeyResolver, type ResolvedKey } from './key-resolver.js';
import { MemoryKeyStore } from './memory-key-store.js';
import { isModelAllowed, requestedModels } from './model-allowlist.js';
import { PROVIDER_KEY_HEADER_PREFIX, takeProviderKeyHeaders } from './provider-key-headers.js';
import { inspectCredential } from './read-credential.js';
import { redactAttempts, redactError, redactStream, secretsOf } from './redact-secrets.js';
import { createSecretBox, type SecretBox, secretBoxFromEnv } from './secret-box.js';

function unauthorized(message: string): GatewayError {
  return new GatewayError(message, { status: 401, type: 'authentication_error', code: 'invalid_api_key' });
}

function staticRecords(options: AuthOptions): Map<string, GatewayKeyRecord> {
  const hashes = [...(options.keys ?? []).map(hashKey), ...(options.keyHashes ?? [])];
  return new Map(
    hashes.map((hash) => [hash, { id: staticKeyId(hash), hash, prefix: '', createdAt: new Date(0) }]),
  );
}

function principalOf(found: ResolvedKey, presented: string): Principal {
  const { record } = found;
  return {
    id: record.id,
    kind: 'key',
    keyPrefix: record.prefix || keyDisplayPrefix(presented),
    ...(record.projectId !== undefined && { projectId: record.projectId }),
    ...(record.name !== undefined && { name: record.name }),
    ...(record.allowedModels !== undefined && { allowedModels: [...record.allowedModels] }),
    ...(found.providerKeys && { providerKeys: { ...found.providerKeys } }),
  };
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
  const resolver = createKeyResolver({
    staticKeys: staticRecords(options),
    store,
    cacheTtlMs: options.cacheTtlMs ?? 10_000,
    secretBox,
  });
  const headerPrefix = providerKeyHeaderPrefix(options);
  const headerOptions = {
    allowed: headerPrefix !== undefined,
    prefix: headerPrefix ?? PROVIDER_KEY_HEADER_PREFIX,
  };

  async function authenticate(context: RouteContext): Promise<Principal> {
    const credential = inspectCredential(context.http.headers);
    if (credential.type === 'missing') {
      throw unauthorized(
        "Missing API key: send your gateway key as 'Authorization: Bearer <key>' or 'x-api-key: <key>'.",
      );
    }
    if (credential.type === 'malformed') throw unauthorized(credential.reason);
    const found = await resolver.find(hashKey(credential.key));
    if (!found) throw unauthorized(`Invalid API key provided: ${keyDisplayPrefix(credential.key)}`);
    const { record } = found;
    if (record.disabledAt) throw unauthorized('This API key has been disabled.');
    if (record.expiresAt && record.expiresAt.getTime() <= context.clock.now()) {
      throw unauthorized(`This API key expired on ${record.expiresAt.toISOString()}.`);
    }
    const state: AuthState = {
      keyId: record.id,
      ...(record.limits && { keyLimits: record.limits }),
      ...(found.project?.limits && { projectLimits: found.project.limits }),
    };
    context.state.auth = state;
    return principalOf(found, credential.key);
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

  return defineMiddleware<RouteContext>(
    'auth',
    async function auth(context, next) {
      const principal: Principal =
        context.principal && trustHost ? { ...context.principal } : await authenticate(context);
      const headerKeys = takeProviderKeyHeaders(context.http.headers, {
        ...headerOptions,
        providers: context.providers,
      });
      if (headerKeys) principal.providerKeys = { ...principal.providerKeys, ...headerKeys };
      context.principal = principal;
      checkAllowlist(principal, context);
      const secrets = secretsOf(principal.providerKeys);
      if (secrets.length === 0) return next();
      const call = context as Partial<GatewayContext>;
      try {
        await next();
      } catch (error) {
        if (call.attempts) redactAttempts(call.attempts, secrets);
        throw redactError(error, secrets);
      }
      if (call.attempts) redactAttempts(call.attempts, secrets);
      if (call.stream) call.stream = redactStream(call.stream, secrets, call.attempts);
    },
    { scope: 'all', routes, close: async () => store?.close?.() },
  ) as RouteMiddleware;
}
