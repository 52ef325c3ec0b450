import { describe, expect, it } from 'vitest';
import { formatIssueMessage, formatPath } from './format-issue.js';

describe('formatPath', () => {
  it('writes indexes in brackets and keys with dots', () => {
    expect(formatPath(['provider', 'order', 0])).toBe('provider.order[0]');
    expect(formatPath(['order', 1], 'providerOptions.gateway')).toBe('providerOptions.gateway.order[1]');
    expect(formatPath([])).toBe('');
  });

  it("drops zod's generic prefix", () => {
    expect(formatIssueMessage('Invalid input: expected string, received number')).toBe(
      'expected string, received number',
    );
  });
});
