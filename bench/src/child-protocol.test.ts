import { describe, expect, it } from 'vitest';
import { isChildMessage, isParentMessage } from './child-protocol.js';

describe('child protocol guards', () => {
  it('accepts the known messages', () => {
    expect(isChildMessage({ type: 'ready', url: 'http://127.0.0.1:1', pid: 1 })).toBe(true);
    expect(isChildMessage({ type: 'failed', message: 'x' })).toBe(true);
    expect(isParentMessage({ type: 'stop' })).toBe(true);
    expect(isParentMessage({ type: 'stats', id: 1 })).toBe(true);
  });

  it('refuses anything else', () => {
    expect(isChildMessage(null)).toBe(false);
    expect(isChildMessage({ type: 'stop' })).toBe(false);
    expect(isParentMessage('stop')).toBe(false);
    expect(isParentMessage({ type: 'ready' })).toBe(false);
  });
});
