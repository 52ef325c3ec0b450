import type { ChatRequest, GatewayContext } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import { cacheKey, cacheScopeOf, keyedRequest } from './cache-key.js';

const request = (overrides: Partial<ChatRequest> = {}): ChatRequest => ({
  model: 'mock/echo',
  messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
  stream: false,
  ...overrides,
});
const parts = (overrides: Partial<ChatRequest> = {}) => ({
  scope: 'user:alice',
  model: 'mock/echo',
  endpoint: 'chat.completions',
  stream: false,
  request: request(overrides),
});

describe('cacheKey', () => {
  it('is a SHA-256 hex digest, stable for the same request', () => {
    expect(cacheKey(parts())).toMatch(/^[0-9a-f]{64}$/);
    expect(cacheKey(parts())).toBe(cacheKey(parts()));
  });

  it('changes with the scope, model, endpoint, stream flag and any answer-changing field', () => {
    const base = cacheKey(parts());
    expect(cacheKey({ ...parts(), scope: 'user:bob' })).not.toBe(base);
    expect(cacheKey({ ...parts(), model: 'mock/other' })).not.toBe(base);
    expect(cacheKey({ ...parts(), endpoint: 'messages' })).not.toBe(base);
    expect(cacheKey({ ...parts(), stream: true })).not.toBe(base);
    expect(cacheKey(parts({ temperature: 0 }))).not.toBe(base);
    expect(
      cacheKey(
        parts({ source: { format: 'openai', extraFields: { logit_bias: { 1: 2 } }, forwardHeaders: {} } }),
      ),
    ).not.toBe(cacheKey(parts({ source: { format: 'openai', extraFields: {}, forwardHeaders: {} } })));
  });

  it('ignores fields that do not change the answer (usage chunk, end-user ids, source format)', () => {
    const base = cacheKey(parts());
    expect(cacheKey(parts({ includeUsage: true }))).toBe(base);
    expect(cacheKey(parts({ user: 'end-user-1', metadata: { trace: 'x' } }))).toBe(base);
    expect(
      keyedRequest(
        request({ stream: true, source: { format: 'anthropic', extraFields: {}, forwardHeaders: {} } }),
      ),
    ).toEqual({
      model: 'mock/echo',
      messages: request().messages,
      source: { extraFields: {}, forwardHeaders: {} },
    });
  });
});

describe('cacheScopeOf', () => {
  const context = (principal?: GatewayContext['principal']) => ({ principal }) as GatewayContext;

  it('scopes by principal, by project (falling back to the principal), or by a function', () => {
    const alice = { id: 'alice', kind: 'key' as const, projectId: 'p1' };
    expect(cacheScopeOf(context(alice), 'principal')).toBe('key:alice');
    expect(cacheScopeOf(context(alice), 'project')).toBe('project:p1');
    expect(cacheScopeOf(context({ id: 'solo', kind: 'user' }), 'project')).toBe('user:solo');
    expect(cacheScopeOf(context(), 'principal')).toBe('anonymous');
    expect(cacheScopeOf(context(alice), (current) => `org-${current.principal?.id}`)).toBe(
      'custom:org-alice',
    );
  });
});
