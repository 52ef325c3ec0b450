import { describe, expect, it } from 'vitest';
import { AttemptAbort } from './attempt-abort.js';

describe('AttemptAbort', () => {
  it('aborts with a source, and races pending calls', async () => {
    const client = new AbortController();
    const attempt = new AttemptAbort([client.signal]);
    await expect(attempt.race(Promise.resolve(1))).resolves.toBe(1);
    const pending = attempt.race(new Promise(() => {}));
    client.abort(new Error('gone'));
    await expect(pending).rejects.toThrow('gone');
    expect(attempt.signal.reason).toEqual(new Error('gone'));
  });

  it('aborts at once when a source already was, and fires its timers until disarmed', async () => {
    const done = new AbortController();
    done.abort(new Error('early'));
    expect(new AttemptAbort([done.signal]).signal.aborted).toBe(true);
    const timed = new AttemptAbort([]);
    timed.arm(5, () => new Error('slow'));
    await expect(timed.race(new Promise(() => {}))).rejects.toThrow('slow');
    const disarmed = new AttemptAbort([]);
    disarmed.arm(5, () => new Error('never'));
    disarmed.disarm();
    expect(disarmed.isArmed).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 15));
    expect(disarmed.signal.aborted).toBe(false);
  });

  it('stops listening to its sources once released', () => {
    const client = new AbortController();
    const attempt = new AttemptAbort([client.signal]);
    attempt.release();
    client.abort();
    expect(attempt.signal.aborted).toBe(false);
    expect(attempt.isArmed).toBe(false);
  });

  it('rejects races made after the abort too, and aborts with the first of several timers', async () => {
    const client = new AbortController();
    const attempt = new AttemptAbort([client.signal]);
    client.abort(new Error('left'));
    await expect(attempt.race(new Promise(() => {}))).rejects.toThrow('left');
    await expect(attempt.aborted).rejects.toThrow('left');
    const timed = new AttemptAbort([]);
    timed.arm(50, () => new Error('late'));
    timed.arm(5, () => new Error('early'));
    await expect(timed.race(new Promise(() => {}))).rejects.toThrow('early');
    timed.release();
  });

  it('listens to every source until released, and to none after', () => {
    const client = new AbortController();
    const deadline = new AbortController();
    const attempt = new AttemptAbort([client.signal, deadline.signal]);
    deadline.abort(new Error('deadline'));
    expect(attempt.signal.reason).toEqual(new Error('deadline'));
    const late = new AttemptAbort([client.signal, deadline.signal]);
    expect(late.signal.aborted).toBe(true); // the deadline had already passed
    const other = new AttemptAbort([new AbortController().signal, client.signal]);
    other.release();
    client.abort();
    expect(other.signal.aborted).toBe(false);
  });
});
