import { describe, expect, it } from 'vitest';
import { clientClosedError, isClientClosed, sleep, timeoutError } from './abort.js';

describe('abort helpers', () => {
  it('sleep waits, or stops at the abort', async () => {
    const controller = new AbortController();
    await expect(sleep(1, controller.signal)).resolves.toBeUndefined();
    const waiting = sleep(10_000, controller.signal);
    controller.abort(new Error('bye'));
    await expect(waiting).rejects.toThrow('bye');
  });

  it('builds the router errors', () => {
    expect(timeoutError('slow', 'attempt_timeout', 'p')).toMatchObject({
      status: 504,
      isRetryable: true,
      provider: 'p',
    });
    const closed = clientClosedError();
    expect(closed).toMatchObject({ status: 499, isRetryable: false });
    expect(isClientClosed(closed)).toBe(true);
    expect(isClientClosed(new Error('x'))).toBe(false);
  });
});
