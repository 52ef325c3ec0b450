import { describe, expect, it } from 'vitest';
import { isServerKind, parseServerSpec } from './server-kind.js';

describe('parseServerSpec', () => {
  it('reads a spec', () => {
    expect(parseServerSpec('{"kind":"plain-proxy","upstreamUrl":"http://127.0.0.1:1"}')).toEqual({
      kind: 'plain-proxy',
      upstreamUrl: 'http://127.0.0.1:1',
    });
    expect(parseServerSpec('{"kind":"upstream"}')).toEqual({ kind: 'upstream' });
  });

  it('names what is wrong', () => {
    expect(() => parseServerSpec(undefined)).toThrow('BENCH_SERVER is not set');
    expect(() => parseServerSpec('{"kind":"nginx"}')).toThrow('Unknown server kind: nginx');
    expect(() => parseServerSpec('{"kind":"bare-koa"}')).toThrow('bare-koa needs upstreamUrl');
  });

  it('knows its kinds', () => {
    expect(isServerKind('signalbox-koa-full')).toBe(true);
    expect(isServerKind('portkey')).toBe(false);
  });
});
