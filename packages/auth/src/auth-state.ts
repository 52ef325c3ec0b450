import type { RateLimits } from './gateway-key.js';

/** What `auth()` leaves for the middlewares after it (`rateLimits()` reads the limits). */
export interface AuthState {
  /** The stored key's id, when a gateway key authenticated the request. */
  keyId?: string;
  /** The key's own limits. */
  keyLimits?: RateLimits;
  /** The limits of the key's project (all its keys together). */
  projectLimits?: RateLimits;
}

declare module '@signalbox/core' {
  interface GatewayState {
    /** Set by `@signalbox/auth`. */
    auth?: AuthState;
  }
}
