import type { Warning } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import { warnOnce } from './warn-once.js';

describe('warnOnce', () => {
  it('keeps one warning per feature or message', () => {
    const warnings: Warning[] = [];
    warnOnce(warnings, { type: 'unsupported', feature: 'user' });
    warnOnce(warnings, { type: 'unsupported', feature: 'user', details: 'again' });
    warnOnce(warnings, { type: 'other', message: 'm' });
    warnOnce(warnings, { type: 'other', message: 'm' });
    warnOnce(warnings, { type: 'compatibility', feature: 'n' });
    expect(warnings).toEqual([
      { type: 'unsupported', feature: 'user' },
      { type: 'other', message: 'm' },
      { type: 'compatibility', feature: 'n' },
    ]);
  });
});
