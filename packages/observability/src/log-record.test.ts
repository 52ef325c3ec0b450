import { describe, expect, it } from 'vitest';
import { isErrorRecord } from './log-record.js';

describe('isErrorRecord', () => {
  it('counts 4xx/5xx and failures after a stream started', () => {
    expect(isErrorRecord({ status: 200, error: null })).toBe(false);
    expect(isErrorRecord({ status: 402, error: 'over budget' })).toBe(true);
    expect(isErrorRecord({ status: 200, error: 'stream failed' })).toBe(true);
  });
});
