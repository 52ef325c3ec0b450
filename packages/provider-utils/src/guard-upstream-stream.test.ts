import type { StreamPart } from '@signalbox/core';
import { describe, expect, it, vi } from 'vitest';
import { guardUpstreamStream } from './guard-upstream-stream.js';

async function collect(stream: AsyncIterable<StreamPart>): Promise<StreamPart[]> {
  const parts: StreamPart[] = [];
  for await (const part of stream) parts.push(part);
  return parts;
}

const start: StreamPart = { type: 'stream-start', warnings: [] };

describe('guardUpstreamStream', () => {
  it('passes parts through and releases once at the end', async () => {
    const release = vi.fn();
    const parts = await collect(
      guardUpstreamStream(
        (async function* () {
          yield start;
          yield { type: 'text-delta', id: 't', delta: 'hi' } as const;
        })(),
        { signal: new AbortController().signal, release },
      ),
    );
    expect(parts.map((part) => part.type)).toEqual(['stream-start', 'text-delta']);
    expect(release).toHaveBeenCalledTimes(1);
    expect(release).toHaveBeenCalledWith({ completed: true });
  });

  it('turns a throw into an error part', async () => {
    const failure = new Error('reset');
    const parts = await collect(
      guardUpstreamStream(
        (async function* () {
          yield start;
          throw failure;
        })(),
        { signal: new AbortController().signal, release: () => {} },
      ),
    );
    expect(parts).toEqual([start, { type: 'error', error: failure }]);
  });

  it('stops after an error part', async () => {
    const after = vi.fn();
    const parts = await collect(
      guardUpstreamStream(
        (async function* () {
          yield { type: 'error', error: 'x' } as const;
          after();
          yield start;
        })(),
        { signal: new AbortController().signal, release: () => {} },
      ),
    );
    expect(parts).toHaveLength(1);
    expect(after).not.toHaveBeenCalled();
  });

  it('rethrows when the call was aborted', async () => {
    const controller = new AbortController();
    const reason = new Error('aborted');
    controller.abort(reason);
    const stream = guardUpstreamStream(
      (async function* () {
        yield start;
        throw reason;
      })(),
      { signal: controller.signal, release: () => {} },
    );
    await expect(collect(stream)).rejects.toBe(reason);
  });

  it('releases when the consumer stops early or never starts', async () => {
    const release = vi.fn();
    const endless = async function* () {
      for (;;) yield start;
    };
    for await (const _part of guardUpstreamStream(endless(), {
      signal: new AbortController().signal,
      release,
    }))
      break;
    expect(release).toHaveBeenCalledTimes(1);
    expect(release).toHaveBeenCalledWith({ completed: false });

    const untouched = vi.fn();
    const iterator = guardUpstreamStream(endless(), {
      signal: new AbortController().signal,
      release: untouched,
    })[Symbol.asyncIterator]();
    await iterator.return?.();
    expect(untouched).toHaveBeenCalledTimes(1);
  });
});
