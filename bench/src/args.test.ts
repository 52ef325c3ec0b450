import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from './args.js';

describe('parseBenchArgs', () => {
  it('has full-run defaults', () => {
    expect(parseBenchArgs([])).toEqual({
      quick: false,
      durationSeconds: 10,
      warmupSeconds: 10,
      connections: 50,
      streams: 1000,
      dripMs: 1500,
      minutes: 10,
      rate: 1000,
      only: [],
      write: true,
      tsx: false,
    });
  });

  it('has quick defaults, which flags still override', () => {
    const options = parseBenchArgs(['--quick', '--duration', '2']);
    expect(options).toMatchObject({ quick: true, durationSeconds: 2, warmupSeconds: 1, dripMs: 1000 });
  });

  it('reads the other flags', () => {
    expect(
      parseBenchArgs(['--minutes', '1.5', '--only', 'proxy, koa-full', '--no-write', '--connections', '10']),
    ).toMatchObject({ minutes: 1.5, only: ['proxy', 'koa-full'], write: false, connections: 10 });
  });

  it('names a bad flag', () => {
    expect(() => parseBenchArgs(['--duration', 'soon'])).toThrow('--duration must be a positive number');
    expect(() => parseBenchArgs(['--fast'])).toThrow();
  });
});
