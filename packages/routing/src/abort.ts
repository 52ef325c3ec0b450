import { GatewayError } from '@signalbox/core';

/** The error for a request its client abandoned: never retried, never a fallback. */
export function clientClosedError(cause?: unknown): GatewayError {
  return new GatewayError('The client closed the request.', {
    status: 499,
    type: 'invalid_request_error',
    code: 'client_closed_request',
    isRetryable: false,
    cause,
  });
}

/** Whether an error is the router's own client-abort error. */
export function isClientClosed(error: unknown): boolean {
  return GatewayError.isInstance(error) && error.code === 'client_closed_request';
}

/** A retryable 504 for a router timeout (`attempt_timeout`, `first_token_timeout`, `total_timeout`). */
export function timeoutError(message: string, code: string, provider?: string): GatewayError {
  return new GatewayError(message, {
    status: 504,
    type: 'timeout_error',
    code,
    isRetryable: true,
    ...(provider !== undefined && { provider }),
  });
}

/** Waits `ms`, or rejects with the signal's reason when it aborts first. The default `sleep`. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
