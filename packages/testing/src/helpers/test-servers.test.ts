import { describe, expect, it } from 'vitest';
import { testServerUrl } from './test-servers.js';

describe('testServerUrl', () => {
  it('returns the URLs the global setup provides, and throws without them', () => {
    expect(testServerUrl('redis')).toMatch(/^redis:\/\//);
    expect(testServerUrl('postgres')).toMatch(/^postgres:\/\//);
    const saved = process.env.SIGNALBOX_TEST_REDIS_URL;
    delete process.env.SIGNALBOX_TEST_REDIS_URL;
    try {
      expect(() => testServerUrl('redis')).toThrow(/needs a redis server/);
    } finally {
      process.env.SIGNALBOX_TEST_REDIS_URL = saved;
    }
  });
});
