import { describe, expect, it } from 'vitest';
import { joinUrl } from './join-url.js';

describe('joinUrl', () => {
  it('joins with one slash whatever slashes either side has', () => {
    expect(joinUrl('https://api.openai.com/v1', 'chat/completions')).toBe(
      'https://api.openai.com/v1/chat/completions',
    );
    expect(joinUrl('https://api.openai.com/v1/', '/chat/completions')).toBe(
      'https://api.openai.com/v1/chat/completions',
    );
    expect(joinUrl('https://api.anthropic.com//', '//v1/messages')).toBe(
      'https://api.anthropic.com/v1/messages',
    );
    expect(joinUrl('http://127.0.0.1:8080', '')).toBe('http://127.0.0.1:8080');
  });
});
