import { describe, expect, it } from 'vitest';
import { createGrantCache, grantOf, principalOfGrant, stateOfGrant } from './key-grant.js';
import type { ResolvedKey } from './key-resolver.js';

const full: ResolvedKey = {
  record: {
    id: 'key_1',
    hash: 'h',
    prefix: 'sk-sb-AbCd',
    createdAt: new Date(0),
    projectId: 'team',
    name: 'bot',
    allowedModels: ['mock/*'],
    limits: { requestsPerMinute: 5 },
  },
  project: { id: 'team', name: 'Team', createdAt: new Date(0), limits: { tokensPerMinute: 900 } },
  providerKeys: { openai: 'sk-openai-secret-1' },
};

describe('key grants', () => {
  it('makes the principal and state auth() always set, fields in the same order', () => {
    const grant = grantOf(full, 'sk-sb-AbCd-presented');
    const principal = principalOfGrant(grant);
    expect(principal).toEqual({
      id: 'key_1',
      kind: 'key',
      keyPrefix: 'sk-sb-AbCd',
      projectId: 'team',
      name: 'bot',
      allowedModels: ['mock/*'],
      providerKeys: { openai: 'sk-openai-secret-1' },
    });
    expect(Object.keys(principal)).toEqual([
      'id',
      'kind',
      'keyPrefix',
      'projectId',
      'name',
      'allowedModels',
      'providerKeys',
    ]);
    expect(stateOfGrant(grant)).toEqual({
      keyId: 'key_1',
      keyLimits: { requestsPerMinute: 5 },
      projectLimits: { tokensPerMinute: 900 },
    });
    const bare = grantOf(
      { record: { id: 'key_2', hash: 'h2', prefix: '', createdAt: new Date(0) } },
      'sk-sb-WxYz1234',
    );
    expect(principalOfGrant(bare)).toEqual({ id: 'key_2', kind: 'key', keyPrefix: 'sk-sb-WxYz' });
    expect(stateOfGrant(bare)).toEqual({ keyId: 'key_2' });
  });

  it('hands every request its own principal and state, never the template or the record', () => {
    const grant = grantOf(full, 'sk-sb-AbCd-presented');
    const first = principalOfGrant(grant);
    const second = principalOfGrant(grant);
    expect(first).not.toBe(second);
    expect(first).not.toBe(grant.principal);
    first.allowedModels?.push('other/*');
    first.providerKeys = { ...first.providerKeys, anthropic: 'x' };
    (second.providerKeys as Record<string, string>).groq = 'y';
    first.name = 'changed';
    expect(principalOfGrant(grant)).toEqual(principalOfGrant(grantOf(full, 'sk-sb-AbCd-presented')));
    expect(full.record.allowedModels).toEqual(['mock/*']);
    expect(full.providerKeys).toEqual({ openai: 'sk-openai-secret-1' });
    const state = stateOfGrant(grant);
    expect(state).not.toBe(stateOfGrant(grant));
    state.keyId = 'changed';
    expect(stateOfGrant(grant).keyId).toBe('key_1');
  });

  it('remembers one grant per found key, by identity', () => {
    const cached = createGrantCache();
    const grant = cached(full, 'sk-sb-AbCd-presented');
    expect(cached(full, 'sk-sb-AbCd-presented')).toBe(grant);
    const reloaded: ResolvedKey = { ...full, record: { ...full.record, name: 'renamed' } };
    const fresh = cached(reloaded, 'sk-sb-AbCd-presented');
    expect(fresh).not.toBe(grant);
    expect(fresh.principal.name).toBe('renamed');
  });
});
