/**
 * `@signalbox/auth`: gateway keys (hashed; memory or Postgres), projects, the admin API, rate
 * limits (rpm/tpm; memory or Redis) with OpenAI's headers, bring-your-own provider keys, and the
 * host app's own principal.
 *
 * @module
 */
import './auth-state.js';

export { auth } from './auth.js';
export type { AuthOptions } from './auth-options.js';
export type { AuthState } from './auth-state.js';
export { apiKeyAuth, type ApiKeyAuthOptions } from './api-key-auth.js';
export { adminRoutes, type AdminRoutesOptions } from './admin-api.js';
export { generateKey, hashKey, KEY_PREFIX, keyDisplayPrefix, newKeyId, staticKeyId } from './key-hash.js';
export {
  inspectCredential,
  MAX_CREDENTIAL_LENGTH,
  type PresentedCredential,
  readCredential,
} from './read-credential.js';
export {
  type GatewayKeyPatch,
  type GatewayKeyRecord,
  hasLimits,
  type ProjectPatch,
  type ProjectRecord,
  type RateLimits,
} from './gateway-key.js';
export type { KeyStore } from './key-store.js';
export { MemoryKeyStore } from './memory-key-store.js';
export { keyStoreMigrations, PostgresKeyStore, type PostgresKeyStoreOptions } from './postgres-key-store.js';
export { type CreatedKey, createKeyManager, type KeyManager, type KeyManagerOptions } from './key-manager.js';
export type { CreateKeyInput, CreateProjectInput, UpdateKeyInput, UpdateProjectInput } from './key-inputs.js';
export { type KeyView, type ProjectView, toKeyView, toProjectView } from './key-view.js';
export {
  createKeyResolver,
  type KeyResolver,
  type KeyResolverOptions,
  type ResolvedKey,
} from './key-resolver.js';
export {
  createSecretBox,
  ENCRYPTION_KEY_VARIABLE,
  generateEncryptionKey,
  type SecretBox,
  secretBoxFromEnv,
} from './secret-box.js';
export { PROVIDER_KEY_HEADER_PREFIX, takeProviderKeyHeaders } from './provider-key-headers.js';
export { redactError, redactText, secretsOf } from './redact-secrets.js';
export { isModelAllowed, requestedModels } from './model-allowlist.js';
export { rateLimits, type RateLimitsOptions } from './rate-limits.js';
export type { RateLimitCounter, RateLimitStore } from './rate-limit-store.js';
export { MemoryRateLimitStore, type MemoryRateLimitStoreOptions } from './memory-rate-limit-store.js';
export { RedisRateLimitStore, type RedisRateLimitStoreOptions } from './redis-rate-limit-store.js';
export { type LimitSubject, RateLimitStoreError, type Reservation, reserve } from './rate-limiter.js';
export { formatResetDuration, type LimitStatus, rateLimitHeaders } from './rate-limit-headers.js';
export { estimateInputTokens, estimateRequestTokens } from './estimate-tokens.js';
