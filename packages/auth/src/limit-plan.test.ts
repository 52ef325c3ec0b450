import type { Principal } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import { createLimitPlanner } from './limit-plan.js';

const key: Principal = { id: 'key_1', kind: 'key', keyPrefix: 'sk-sb-AbCd', projectId: 'team' };

describe('createLimitPlanner', () => {
  it('names the subjects and counters as rateLimits() always did', () => {
    const plan = createLimitPlanner({ defaults: { requestsPerMinute: 10, tokensPerMinute: 500 } });
    const entries = plan(key, { keyId: 'key_1', projectLimits: { requestsPerMinute: 3 } });
    expect(
      entries?.map(({ subject, dimension, counterKey, limit, limitText }) => ({
        key: subject.key,
        label: subject.label,
        dimension,
        counterKey,
        limit,
        limitText,
      })),
    ).toEqual([
      {
        key: 'key:key_1',
        label: 'API key sk-sb-AbCd',
        dimension: 'requests',
        counterKey: 'key:key_1:requests',
        limit: 10,
        limitText: '10',
      },
      {
        key: 'key:key_1',
        label: 'API key sk-sb-AbCd',
        dimension: 'tokens',
        counterKey: 'key:key_1:tokens',
        limit: 500,
        limitText: '500',
      },
      {
        key: 'project:team',
        label: 'project team',
        dimension: 'requests',
        counterKey: 'project:team:requests',
        limit: 3,
        limitText: '3',
      },
    ]);
    expect(plan({ id: 'u1', kind: 'user' }, undefined)?.[0]?.subject).toMatchObject({
      key: 'user:u1',
      label: 'user u1',
    });
    expect(plan(undefined, undefined)?.[0]?.subject).toMatchObject({
      key: 'anonymous',
      label: 'anonymous callers',
    });
    expect(createLimitPlanner({})(key, { keyId: 'key_1' })).toBeUndefined();
  });

  it('keeps the entries of a principal while its limits hold, compared by value', () => {
    const plan = createLimitPlanner({});
    const first = plan(key, { keyId: 'key_1', keyLimits: { requestsPerMinute: 5 } });
    expect(plan({ ...key }, { keyId: 'key_1', keyLimits: { requestsPerMinute: 5 } })).toBe(first);
    const changed = plan(key, { keyId: 'key_1', keyLimits: { requestsPerMinute: 6 } });
    expect(changed).not.toBe(first);
    expect(changed?.[0]?.limit).toBe(6);
    const renamed = plan(
      { ...key, keyPrefix: 'sk-sb-Zzzz' },
      { keyId: 'key_1', keyLimits: { requestsPerMinute: 6 } },
    );
    expect(renamed?.[0]?.subject.label).toBe('API key sk-sb-Zzzz');
    const moved = plan(
      { ...key, keyPrefix: 'sk-sb-Zzzz', projectId: 'other' },
      {
        keyId: 'key_1',
        keyLimits: { requestsPerMinute: 6 },
        projectLimits: { tokensPerMinute: 7 },
      },
    );
    expect(moved?.map((entry) => entry.counterKey)).toEqual(['key:key_1:requests', 'project:other:tokens']);
    const asUser = plan(
      { id: 'key_1', kind: 'user' },
      { keyId: 'key_1', keyLimits: { requestsPerMinute: 6 } },
    );
    expect(asUser?.[0]?.counterKey).toBe('user:key_1:requests');
  });

  it('asks the callbacks on every request, and follows their answers', () => {
    let rpm = 1;
    const asked: string[] = [];
    const plan = createLimitPlanner({
      principalLimits: (principal) => {
        asked.push(principal.id);
        return { requestsPerMinute: rpm };
      },
      projectLimits: (projectId) => {
        asked.push(projectId);
        return undefined;
      },
      defaults: { requestsPerMinute: 99 },
    });
    const user: Principal = { id: 'u1', kind: 'user', projectId: 'p' };
    const first = plan(user, undefined);
    expect(plan(user, undefined)).toBe(first);
    rpm = 2;
    expect(plan(user, undefined)?.[0]?.limit).toBe(2);
    expect(asked).toEqual(['u1', 'p', 'u1', 'p', 'u1', 'p']);
  });

  it('remembers at most maxEntries principals, the oldest dropped first', () => {
    const plan = createLimitPlanner({ defaults: { requestsPerMinute: 1 } }, 2);
    const principal = (id: string): Principal => ({ id, kind: 'user' });
    const a = plan(principal('a'), undefined);
    plan(principal('b'), undefined);
    expect(plan(principal('a'), undefined)).toBe(a);
    plan(principal('c'), undefined); // drops a (the oldest inserted)
    expect(plan(principal('a'), undefined)).not.toBe(a);
  });
});
