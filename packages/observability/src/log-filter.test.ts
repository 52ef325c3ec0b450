import { describe, expect, it } from 'vitest';
import { compareNewestFirst, decodeCursor, encodeCursor, matchesQuery, matchesStatus } from './log-filter.js';
import { logRecord } from './test-records.js';

describe('log filters', () => {
  it('round-trips cursors and rejects anything else', () => {
    const cursor = { time: '2026-05-01T00:00:00.000Z', generationId: 'gen_1' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    expect(decodeCursor('not a cursor')).toBeUndefined();
    expect(decodeCursor(Buffer.from('["x","y"]').toString('base64url'))).toBeUndefined();
  });

  it('orders newest first, then by id descending', () => {
    const a = { time: '2026-05-01T00:00:01.000Z', generationId: 'gen_a' };
    const b = { time: '2026-05-01T00:00:00.000Z', generationId: 'gen_b' };
    const c = { time: '2026-05-01T00:00:00.000Z', generationId: 'gen_c' };
    expect([b, c, a].sort(compareNewestFirst)).toEqual([a, c, b]);
  });

  it('matches statuses', () => {
    expect(matchesStatus('success', { status: 200, error: null })).toBe(true);
    expect(matchesStatus('error', { status: 200, error: 'stream failed' })).toBe(true);
    expect(matchesStatus('4xx', { status: 429, error: 'x' })).toBe(true);
    expect(matchesStatus('429', { status: 429, error: 'x' })).toBe(true);
    expect(matchesStatus('5xx', { status: 429, error: 'x' })).toBe(false);
  });

  it('matches the requested model too, and a key by prefix', () => {
    const record = logRecord({ requestedModel: 'fast', model: 'mock/echo' });
    expect(matchesQuery(record, { model: 'fast' })).toBe(true);
    expect(matchesQuery(record, { key: 'sk-sb-alpha' })).toBe(true);
    expect(matchesQuery(record, { key: 'key_alpha', provider: 'mock' })).toBe(true);
    expect(matchesQuery(record, { project: 'other' })).toBe(false);
  });
});
