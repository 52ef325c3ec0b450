import { GatewayError } from '@signalbox/core';
import type { PlanEntry } from './plan.js';

/** A failed attempt as the retry loop saw it. */
export interface FailedAttempt {
  entry: PlanEntry;
  error: unknown;
}

function describe(failure: FailedAttempt, error: GatewayError): string {
  const { entry } = failure;
  return `${entry.model} via ${entry.provider} (${entry.providerModelId}): ${error.status} ${error.message}`;
}

function pick(errors: GatewayError[]): GatewayError {
  const last = errors[errors.length - 1] as GatewayError;
  if (errors.every((error) => error.status === last.status)) return last;
  const limited = errors.filter((error) => error.status === 429);
  if (limited.length > 0) {
    const waits = limited.flatMap((error) => (error.retryAfter === undefined ? [] : [error.retryAfter]));
    const shortest = waits.length > 0 ? Math.min(...waits) : undefined;
    return limited.find((error) => error.retryAfter === shortest) ?? (limited[0] as GatewayError);
  }
  return errors.findLast((error) => error.status >= 500) ?? last;
}

/**
 * The error to answer when every attempt failed, by the most meaningful status rather than the
 * last one (a client error that stops the plan never gets here: it is answered as is):
 *
 * 1. a single attempt: its own error, unchanged;
 * 2. every attempt failed with the same status: that status;
 * 3. any attempt was rate-limited (429): 429, with the shortest `Retry-After` seen;
 * 4. any server-side failure (5xx, timeouts): the last one's status (a provider that lacks the
 *    model, 404, or refuses the gateway's key, 401/403, says less than one that had it and failed);
 * 5. otherwise the last error.
 *
 * With more than one attempt the result has `code: 'all_providers_failed'` and a message listing
 * every attempt (model, provider, status, message).
 */
export function selectError(failures: FailedAttempt[]): GatewayError {
  const errors = failures.map((failure) => GatewayError.from(failure.error));
  if (errors.length === 0) {
    return new GatewayError('No provider attempt could be made.', { status: 502, type: 'upstream_error' });
  }
  if (errors.length === 1) return errors[0] as GatewayError;
  const chosen = pick(errors);
  const lines = failures.map((failure, index) => describe(failure, errors[index] as GatewayError));
  return new GatewayError(`All ${failures.length} attempts failed: ${lines.join('; ')}`, {
    status: chosen.status,
    type: chosen.type,
    code: 'all_providers_failed',
    isRetryable: chosen.isRetryable,
    ...(chosen.retryAfter !== undefined && {
      retryAfter: chosen.retryAfter,
      headers: { 'retry-after': String(Math.ceil(chosen.retryAfter)) },
    }),
    cause: chosen,
  });
}
