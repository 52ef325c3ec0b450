import { describe, expect, it } from 'vitest';
import { toKeyView, toProjectView } from './key-view.js';

describe('key views', () => {
  it('shows a key without its hash or provider keys, and a project', () => {
    const view = toKeyView({
      id: 'key_1',
      hash: 'f'.repeat(64),
      prefix: 'sk-sb-AbCd',
      createdAt: new Date('2026-01-01T00:00:00Z'),
      disabledAt: new Date('2026-01-02T00:00:00Z'),
      providerKeys: { openai: 'v1:sealed', anthropic: 'v1:sealed' },
    });
    expect(view).toEqual({
      object: 'api_key',
      id: 'key_1',
      prefix: 'sk-sb-AbCd',
      name: null,
      projectId: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      expiresAt: null,
      disabledAt: '2026-01-02T00:00:00.000Z',
      disabled: true,
      allowedModels: null,
      limits: null,
      providerKeys: ['anthropic', 'openai'],
    });
    expect(toProjectView({ id: 'p', name: 'P', createdAt: new Date(0) })).toEqual({
      object: 'project',
      id: 'p',
      name: 'P',
      createdAt: '1970-01-01T00:00:00.000Z',
      limits: null,
    });
  });
});
