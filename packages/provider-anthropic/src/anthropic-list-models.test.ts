import { describe, expect, it } from 'vitest';
import page from './__fixtures__/anthropic-models-page.json' with { type: 'json' };
import { fromAnthropicModelPage } from './anthropic-list-models.js';

describe('fromAnthropicModelPage', () => {
  it('maps id, display name and created_at, and finds the next page', () => {
    expect(fromAnthropicModelPage(page, 'anthropic')).toEqual({
      models: [
        {
          id: 'claude-sonnet-4-5-20250929',
          name: 'Claude Sonnet 4.5',
          created: 1759104000,
          ownedBy: 'anthropic',
        },
        {
          id: 'claude-haiku-4-5-20251001',
          name: 'Claude Haiku 4.5',
          created: 1759276800,
          ownedBy: 'anthropic',
        },
      ],
      nextAfterId: 'claude-haiku-4-5-20251001',
    });
  });

  it('has no next page when has_more is false', () => {
    expect(fromAnthropicModelPage({ ...page, has_more: false }, 'anthropic').nextAfterId).toBeUndefined();
  });

  it('rejects a body that is not a model page with a retryable 502', () => {
    expect(() => fromAnthropicModelPage({ models: [] }, 'anthropic')).toThrow(
      expect.objectContaining({ status: 502, isRetryable: true }),
    );
  });
});
