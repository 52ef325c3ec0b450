/** Limits failed sign-ins per client address. */
export interface SignInThrottle {
  /** Whether this address may try now. */
  allowed(address: string): boolean;
  /** Records a failure. */
  failed(address: string): void;
  /** Clears an address after a success. */
  succeeded(address: string): void;
}

/**
 * At most `maxFailures` failed sign-ins per address in a sliding `windowMs` (default 10 in 10
 * minutes), so the admin key cannot be guessed through the form. In memory, bounded.
 */
export function createSignInThrottle(
  options: { maxFailures?: number; windowMs?: number; now?: () => number; maxAddresses?: number } = {},
): SignInThrottle {
  const maxFailures = options.maxFailures ?? 10;
  const windowMs = options.windowMs ?? 600_000;
  const now = options.now ?? Date.now;
  const maxAddresses = options.maxAddresses ?? 10_000;
  const failures = new Map<string, number[]>();

  function recent(address: string): number[] {
    const cutoff = now() - windowMs;
    const kept = (failures.get(address) ?? []).filter((time) => time > cutoff);
    if (kept.length === 0) failures.delete(address);
    else failures.set(address, kept);
    return kept;
  }

  return {
    allowed: (address) => recent(address).length < maxFailures,
    failed(address) {
      if (!failures.has(address) && failures.size >= maxAddresses) {
        const oldest = failures.keys().next().value;
        if (oldest !== undefined) failures.delete(oldest);
      }
      failures.set(address, [...recent(address), now()]);
    },
    succeeded(address) {
      failures.delete(address);
    },
  };
}
