import { GatewayError } from '@signalbox/core';

/**
 * A controller that also aborts when any of `sources` aborts (with that source's reason).
 * `AbortSignal.any` does the same but costs ~20 µs and weak references per call on Node 20;
 * this is one listener per source, kept as long as the sources live (one request).
 */
export function linkedController(sources: AbortSignal[]): AbortController {
  const controller = new AbortController();
  for (const source of sources) {
    if (source.aborted) {
      controller.abort(source.reason);
      break;
    }
    source.addEventListener('abort', () => controller.abort(source.reason), { once: true });
  }
  return controller;
}

/** Settles like `promise`, or rejects with the signal's reason as soon as it aborts. */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

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
