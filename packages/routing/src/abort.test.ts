import { describe, expect, it } from 'vitest';
import { clientClosedError, isClientClosed, raceAbort, sleep, timeoutError } from './abort.js';

describe('abort helpers', () => {
  it('raceAbort settles with the promise, or rejects with the abort reason', async () => {
    const controller = new AbortController();
    await expect(raceAbort(Promise.resolve(1), controller.signal)).resolves.toBe(1);
    const pending = raceAbort(new Promise(() => {}), controller.signal);
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
    await expect(raceAbort(Promise.reject(new Error('late')), controller.signal)).rejects.toThrow('stop');
  });

  it('sleep waits, or stops at the abort', async () => {
    const controller = new AbortController();
    await expect(sleep(1, controller.signal)).resolves.toBeUndefined();
    const waiting = sleep(10_000, controller.signal);
    controller.abort(new Error('bye'));
    await expect(waiting).rejects.toThrow('bye');
  });

  it('builds the router errors', () => {
    expect(timeoutError('slow', 'attempt_timeout', 'p')).toMatchObject({ status: 504, isRetryable: true, provider: 'p' });
    const closed = clientClosedError();
    expect(closed).toMatchObject({ status: 499, isRetryable: false });
    expect(isClientClosed(closed)).toBe(true);
    expect(isClientClosed(new Error('x'))).toBe(false);
  });
});
