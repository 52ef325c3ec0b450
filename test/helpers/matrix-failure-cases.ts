import { expect } from 'vitest';
import { type Cell, LONG_TEXT, record } from './matrix-cell.js';
import { failureOf } from './matrix-clients.js';
import { eventually } from './start.js';

function expectErrorShape(cell: Cell, body: unknown, type: { openai: string; anthropic: string }): string {
  if (cell.driver.format === 'openai') {
    const error = record(record(body).error);
    expect(error.type).toBe(type.openai);
    return String(error.message);
  }
  expect(body).toMatchObject({ type: 'error', error: { type: type.anthropic } });
  return String(record(record(body).error).message);
}

async function upstream400(cell: Cell): Promise<void> {
  const failure = await failureOf(() =>
    cell.driver.ask({ model: `${cell.model}:status-400`, text: 'hi' }, cell.mode),
  );
  expect(failure.status).toBe(400);
  const message = expectErrorShape(cell, failure.body, {
    openai: 'invalid_request_error',
    anthropic: 'invalid_request_error',
  });
  expect(message).toContain('Fake upstream fault: status 400');
}

async function upstream429(cell: Cell): Promise<void> {
  // A Retry-After longer than the router waits (10 s) is not retried: the client gets it at once.
  const failure = await failureOf(() =>
    cell.driver.ask({ model: `${cell.model}:status-429:retry-after-30`, text: 'hi' }, cell.mode),
  );
  expect(failure.status).toBe(429);
  expect(failure.retryAfter).toBe('30');
  const message = expectErrorShape(cell, failure.body, {
    openai: 'rate_limit_error',
    anthropic: 'rate_limit_error',
  });
  expect(message).not.toBe('');
}

async function upstream500(cell: Cell): Promise<void> {
  const failure = await failureOf(() =>
    cell.driver.ask({ model: `${cell.model}:status-500`, text: 'hi' }, cell.mode),
  );
  expect(failure.status).toBeGreaterThanOrEqual(500);
  const message = expectErrorShape(cell, failure.body, { openai: 'server_error', anthropic: 'api_error' });
  expect(message).not.toBe('');
}

async function upstream401(cell: Cell): Promise<void> {
  const failure = await failureOf(() => cell.brokenDriver.ask({ model: cell.model, text: 'hi' }, cell.mode));
  // The operator's key is wrong, not the client's: a 502, never the client's own 401.
  expect(failure.status).toBe(502);
  const message = expectErrorShape(cell, failure.body, { openai: 'upstream_error', anthropic: 'api_error' });
  expect(message).toContain('credentials were rejected');
  if (cell.driver.format === 'openai') {
    expect(record(record(failure.body).error).code).toBe('upstream_authentication_failed');
  }
}

/** What the transport cases need of a cell: any provider's fake upstream counts aborts. */
export type TransportCell = Pick<Cell, 'driver' | 'model' | 'mode'> & {
  upstream: { counters: { aborted: number; inFlight: number } };
};

/** The upstream socket dies mid-answer: the client gets an error within 3 s, not a hang. */
export async function upstreamDrop(cell: TransportCell): Promise<void> {
  // The upstream socket dies mid-answer (mid-stream: after content went out): an error, not a hang.
  const started = Date.now();
  await expect(
    cell.driver.ask({ model: `${cell.model}:drop-3`, text: LONG_TEXT }, cell.mode),
  ).rejects.toThrow();
  expect(Date.now() - started).toBeLessThan(3_000);
}

/** A client that goes away (mid-stream, or while the upstream hangs) aborts the upstream call. */
export async function clientAbort(cell: TransportCell): Promise<void> {
  const { counters } = cell.upstream;
  const abortedBefore = counters.aborted;
  const inFlightBefore = counters.inFlight;
  const controller = new AbortController();
  if (cell.mode === 'stream') {
    const frames = await cell.driver.streamFrames(
      { model: `${cell.model}:drip-30`, text: LONG_TEXT },
      (count) => {
        if (count === 3) controller.abort();
      },
      controller.signal,
    );
    expect(frames).toBeGreaterThanOrEqual(3);
    expect(frames).toBeLessThan(20);
  } else {
    const pending = cell.driver.ask({ model: `${cell.model}:hang`, text: 'hi' }, 'plain', controller.signal);
    const settled = pending.then(
      () => 'resolved',
      () => 'rejected',
    );
    await eventually(() => counters.inFlight > inFlightBefore, 2_000);
    controller.abort();
    expect(await settled).toBe('rejected');
  }
  // The upstream sees its client (the gateway) go away within a second.
  await eventually(() => counters.aborted > abortedBefore, 1_000);
}

/** The cells about failures: upstream errors, a dropped connection, a client that goes away. */
export const FAILURE_CASES: ReadonlyArray<[string, (cell: Cell) => Promise<void>]> = [
  ['upstream 400', upstream400],
  ['upstream 429 with retry-after', upstream429],
  ['upstream 500', upstream500],
  ['upstream 401 (wrong operator key)', upstream401],
  ['upstream connection drop', upstreamDrop],
  ['client abort', clientAbort],
];
