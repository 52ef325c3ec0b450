import { describe, expect, it } from 'vitest';
import { budgetKey } from './budget-store.js';

describe('budgetKey', () => {
  it('names a budget window uniquely', () => {
    expect(
      budgetKey({ scope: 'project', subject: 'proj_1', period: 'monthly', window: '2026-05', limit: '5' }),
    ).toBe('project:proj_1:monthly:2026-05');
  });
});
