import { describe, expect, it } from 'vitest';
import { PORTKEY_OVERRIDES, portkeyManifest, procCpuMicros, procMemory } from './portkey.js';

describe('portkey peer', () => {
  it('pins hono and its node packages with npm overrides', () => {
    expect(portkeyManifest()).toMatchObject({
      dependencies: { '@portkey-ai/gateway': '1.15.2' },
      overrides: { hono: '4.9.7', '@hono/node-server': '1.13.5', '@hono/node-ws': '1.2.0' },
    });
    expect(Object.keys(PORTKEY_OVERRIDES)).toHaveLength(3);
  });

  it('reads the memory of a process from /proc', () => {
    const memory = procMemory(process.pid);
    if (process.platform === 'linux') expect(memory.peakRssBytes).toBeGreaterThanOrEqual(memory.rssBytes);
    expect(procMemory(-1)).toEqual({ rssBytes: 0, peakRssBytes: 0 });
  });

  it('reads the CPU time of a process from /proc', () => {
    if (process.platform === 'linux') expect(procCpuMicros(process.pid)).toBeGreaterThan(0);
    expect(procCpuMicros(-1)).toBeUndefined();
  });
});
