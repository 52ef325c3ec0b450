import { MemoryLogStore } from '@signalbox/observability';
import { describe, expect, it } from 'vitest';
import { parseDashboardOptions } from './dashboard-options.js';

const base = { logStore: new MemoryLogStore(), adminKey: 'admin-key-0123456789abcdef' };

describe('parseDashboardOptions', () => {
  it('applies defaults', () => {
    expect(parseDashboardOptions(base)).toMatchObject({
      basePath: '/dashboard',
      title: 'Signalbox',
      sessionTtlMs: 43_200_000,
      secureCookie: 'auto',
    });
  });

  it('names the option at fault', () => {
    expect(() => parseDashboardOptions({ ...base, adminKey: 'short' })).toThrow(/adminKey/);
    expect(() => parseDashboardOptions({ ...base, basePath: '/dash/' })).toThrow(/basePath/);
    expect(() => parseDashboardOptions({ ...base, basePath: 'dash' })).toThrow(/basePath/);
    expect(() => parseDashboardOptions({ ...base, logStore: {} as never })).toThrow(/logStore/);
  });
});
