/** Requests and tokens per minute; an absent field means no limit on that dimension. */
export interface RateLimits {
  requestsPerMinute?: number;
  tokensPerMinute?: number;
}

/**
 * A gateway key as a key store keeps it: the key itself never, only its SHA-256 hash (the lookup
 * index) and its display prefix. Provider keys (BYOK) are kept sealed with AES-256-GCM.
 */
export interface GatewayKeyRecord {
  /** Stable id (`key_...`): the principal id, the limit key, the admin API's handle. */
  id: string;
  /** SHA-256 hex of the key. */
  hash: string;
  /** The key's public prefix (`sk-sb-AbCd`), safe to show and log. */
  prefix: string;
  name?: string;
  projectId?: string;
  createdAt: Date;
  /** The key stops working at this time. */
  expiresAt?: Date;
  /** Set when the key was disabled; a disabled key is refused with a message that says so. */
  disabledAt?: Date;
  /** Model ids (or `provider/*` patterns) the key may call; absent means every model. */
  allowedModels?: string[];
  limits?: RateLimits;
  /** The key's own provider keys, by provider name, each sealed by a `SecretBox`. */
  providerKeys?: Record<string, string>;
}

/** A project: a group of keys with limits shared by all of them. */
export interface ProjectRecord {
  /** A slug chosen by the operator (`billing-bot`). */
  id: string;
  name: string;
  createdAt: Date;
  /** Limits for the whole project (every key in it together). */
  limits?: RateLimits;
}

/** What an update may change on a key; `null` clears a field. */
export interface GatewayKeyPatch {
  name?: string | null;
  expiresAt?: Date | null;
  disabledAt?: Date | null;
  allowedModels?: string[] | null;
  limits?: RateLimits | null;
  providerKeys?: Record<string, string> | null;
}

/** What an update may change on a project; `null` clears a field. */
export interface ProjectPatch {
  name?: string;
  limits?: RateLimits | null;
}

/** True when the limits set at least one dimension. */
export function hasLimits(limits: RateLimits | undefined): limits is RateLimits {
  return limits?.requestsPerMinute !== undefined || limits?.tokensPerMinute !== undefined;
}
