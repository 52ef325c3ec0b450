import { type Attempt, GatewayError, type StreamPart } from '@signalbox/core';

const REDACTED = '[redacted]';
/** Shorter values are not redacted (they would match ordinary text). */
const MIN_SECRET_LENGTH = 8;

/** The secrets a principal carries (its BYOK provider keys) that must never leave the gateway. */
export function secretsOf(providerKeys: Record<string, string> | undefined): string[] {
  return Object.values(providerKeys ?? {}).filter((secret) => secret.length >= MIN_SECRET_LENGTH);
}

/** The text with every secret replaced by `[redacted]`. */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.replaceAll(secret, REDACTED);
  return out;
}

function contains(text: string | undefined, secrets: readonly string[]): boolean {
  return text !== undefined && secrets.some((secret) => text.includes(secret));
}

/**
 * An error safe to answer and log: when its message or stack holds a secret (a provider echoing
 * the key it was sent), a copy with the secret redacted and no `cause` (which may hold the raw
 * provider body). Other errors are returned as they are.
 */
export function redactError(error: unknown, secrets: readonly string[]): unknown {
  if (secrets.length === 0 || (!(error instanceof Error) && !GatewayError.isInstance(error))) return error;
  const failure = error as Error;
  const leaks =
    contains(failure.message, secrets) ||
    contains(failure.stack, secrets) ||
    (failure.cause !== undefined && contains(safeString(failure.cause), secrets));
  if (!leaks) return error;
  if (GatewayError.isInstance(error)) {
    return new GatewayError(redactText(error.message, secrets), {
      status: error.status,
      type: error.type,
      ...(error.code !== undefined && { code: error.code }),
      ...(error.param !== undefined && { param: error.param }),
      isRetryable: error.isRetryable,
      ...(error.retryAfter !== undefined && { retryAfter: error.retryAfter }),
      headers: error.headers,
      ...(error.provider !== undefined && { provider: error.provider }),
    });
  }
  const copy = new Error(redactText(failure.message, secrets));
  copy.name = failure.name;
  copy.stack = failure.stack === undefined ? undefined : redactText(failure.stack, secrets);
  return copy;
}

function safeString(value: unknown): string {
  try {
    return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    return String(value);
  }
}

/** Redacts the secrets from recorded attempts' error messages (they reach metadata and logs). */
export function redactAttempts(attempts: Attempt[], secrets: readonly string[]): void {
  for (const attempt of attempts) {
    if (attempt.error && contains(attempt.error.message, secrets)) {
      attempt.error.message = redactText(attempt.error.message, secrets);
    }
  }
}

/**
 * The stream with `error` parts' errors redacted; other parts pass untouched. `attempts`, when
 * given, are scrubbed again as each error passes (the router records a mid-stream failure on its
 * attempt while streaming, after the middlewares returned).
 */
export async function* redactStream(
  stream: AsyncIterable<StreamPart>,
  secrets: readonly string[],
  attempts?: Attempt[],
): AsyncGenerator<StreamPart> {
  try {
    for await (const part of stream) {
      if (part.type !== 'error') {
        yield part;
        continue;
      }
      if (attempts) redactAttempts(attempts, secrets);
      yield { ...part, error: redactError(part.error, secrets) };
    }
  } finally {
    if (attempts) redactAttempts(attempts, secrets);
  }
}
