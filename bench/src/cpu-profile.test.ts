import { describe, expect, it } from 'vitest';
import {
  bundleMarkers,
  bundleSourceOf,
  type CpuProfile,
  locationOf,
  selfTimeByLocation,
  topSelfTime,
} from './cpu-profile.js';

const frame = (functionName: string, url: string, lineNumber = 0) => ({ functionName, url, lineNumber });

const profile: CpuProfile = {
  startTime: 0,
  endTime: 4000,
  nodes: [
    { id: 1, callFrame: frame('(root)', '') },
    { id: 2, callFrame: frame('handle', 'file:///work/main/packages/core/src/gateway/create-gateway.ts', 9) },
    {
      id: 3,
      callFrame: frame(
        'parse',
        'file:///work/main/node_modules/.pnpm/zod@4/node_modules/zod/v4/core/parse.js',
      ),
    },
    { id: 4, callFrame: frame('(garbage collector)', '') },
  ],
  samples: [2, 3, 3, 4],
  timeDeltas: [0, 1000, 1000, 1000],
};

describe('cpu profile reading', () => {
  it('names where code lives', () => {
    expect(locationOf('file:///work/main/packages/core/src/x.ts')).toBe('packages/core');
    expect(locationOf('file:///x/node_modules/.pnpm/koa@3/node_modules/koa/lib/a.js')).toBe(
      'node_modules/koa',
    );
    expect(locationOf('file:///x/node_modules/@hono/node-server/dist/a.js')).toBe(
      'node_modules/@hono/node-server',
    );
    expect(locationOf('node:internal/streams/readable')).toBe('node:internal');
    expect(locationOf('')).toBe('(native/vm)');
  });

  it('ranks functions by self time', () => {
    const top = topSelfTime(profile);
    expect(top[0]).toMatchObject({
      name: 'parse (core/parse.js:1)',
      location: 'node_modules/zod',
      selfMs: 2,
    });
    expect(top.map((entry) => entry.name)).toContain('handle (gateway/create-gateway.ts:10)');
    expect(top.reduce((sum, entry) => sum + entry.share, 0)).toBeCloseTo(1);
  });

  it('sums self time by place', () => {
    expect(selfTimeByLocation(profile)[0]).toMatchObject({
      location: 'node_modules/zod',
      selfMs: 2,
      share: 0.5,
    });
  });
});

describe('bundled code', () => {
  const bundle = [
    'import x from "y";',
    '// ../packages/core/src/gateway/create-gateway.ts',
    'function handle() {}',
    '// ../node_modules/.pnpm/zod@4/node_modules/zod/v4/core/parse.js',
    'function parse() {}',
  ].join('\n');

  const markers = bundleMarkers(bundle);

  it('finds the source module of a line from the markers esbuild writes', () => {
    expect(markers.map((marker) => marker.line)).toEqual([1, 3]);
    expect(bundleSourceOf(markers, 0)).toBeUndefined();
    expect(bundleSourceOf(markers, 2)).toBe('../packages/core/src/gateway/create-gateway.ts');
    expect(bundleSourceOf(markers, 3)).toBe('../node_modules/.pnpm/zod@4/node_modules/zod/v4/core/parse.js');
    expect(bundleSourceOf(markers, 4)).toBe('../node_modules/.pnpm/zod@4/node_modules/zod/v4/core/parse.js');
  });

  it('attributes self time to the source module', () => {
    const bundled: CpuProfile = {
      startTime: 0,
      endTime: 2000,
      nodes: [
        { id: 1, callFrame: frame('handle', 'file:///x/.cache/signalbox-bench/chunk.mjs', 2) },
        { id: 2, callFrame: frame('parse', 'file:///x/.cache/signalbox-bench/chunk.mjs', 4) },
      ],
      samples: [1, 2],
      timeDeltas: [0, 1000],
    };
    const locate = (_url: string, line: number) => bundleSourceOf(markers, line);
    expect(
      selfTimeByLocation(bundled, locate)
        .map((entry) => entry.location)
        .sort(),
    ).toEqual(['node_modules/zod', 'packages/core']);
    expect(topSelfTime(bundled, 5, locate).map((entry) => entry.name)).toContain(
      'handle (gateway/create-gateway.ts)',
    );
  });
});
