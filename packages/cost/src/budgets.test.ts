import { GatewayError, type Principal } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import {
  budgetExceededError,
  budgetWindowName,
  budgetWindows,
  configuredBudgets,
  formatUsd,
} from './budgets.js';

const principal: Principal = { id: 'key_1', kind: 'key', projectId: 'proj_1' };
const may1 = Date.UTC(2026, 4, 1, 23, 59);

describe('budgets', () => {
  it('names UTC windows', () => {
    expect(budgetWindowName('total', may1)).toBe('all');
    expect(budgetWindowName('daily', may1)).toBe('2026-05-01');
    expect(budgetWindowName('monthly', may1)).toBe('2026-05');
  });

  it('finds the limits of a principal and its project, with defaults', () => {
    const config = {
      keys: { key_1: { daily: '1' } },
      projects: { proj_2: { total: 5 } },
      defaultKey: { total: '100' },
      defaultProject: { monthly: '50' },
    };
    expect(configuredBudgets(config, principal)).toEqual({ key: { daily: '1' }, project: { monthly: '50' } });
    expect(configuredBudgets(config, { id: 'other', kind: 'key', projectId: 'proj_2' })).toEqual({
      key: { total: '100' },
      project: { total: 5 },
    });
    expect(configuredBudgets({}, { id: 'x', kind: 'user' })).toEqual({});
  });

  it('lists the windows that apply, key budgets first', () => {
    expect(
      budgetWindows(principal, { key: { total: '10', daily: 1 }, project: { monthly: '0.50' } }, may1),
    ).toEqual([
      { scope: 'key', subject: 'key_1', period: 'total', window: 'all', limit: '10' },
      { scope: 'key', subject: 'key_1', period: 'daily', window: '2026-05-01', limit: '1' },
      { scope: 'project', subject: 'proj_1', period: 'monthly', window: '2026-05', limit: '0.5' },
    ]);
    expect(budgetWindows({ id: 'k', kind: 'key' }, { project: { total: '1' } }, may1)).toEqual([]);
  });

  it('gives the same limits and windows on every call (limits are remembered by their text)', () => {
    const limits = { key: { total: ' 10.50 ', daily: 2.5 }, project: { monthly: '1e2' } };
    for (let round = 0; round < 3; round += 1) {
      expect(
        budgetWindows(principal, limits, may1 + round).map((window) => [window.window, window.limit]),
      ).toEqual([
        ['all', '10.5'],
        ['2026-05-01', '2.5'],
        ['2026-05', '100'],
      ]);
    }
    expect(budgetWindows(principal, { key: { daily: '1' } }, may1 + 60_000)[0]?.window).toBe('2026-05-02');
    expect(() => budgetWindows(principal, { key: { total: 'lots' } }, may1)).toThrow(
      "Not a decimal number: 'lots'",
    );
    expect(() => budgetWindows(principal, { key: { total: Number.NaN } }, may1)).toThrow(
      'Not a finite number',
    );
  });

  it('formats dollars', () => {
    expect(formatUsd('1.5')).toBe('$1.50');
    expect(formatUsd('0')).toBe('$0.00');
    expect(formatUsd('0.000012')).toBe('$0.000012');
  });

  it('says which budget refused and what it has left, as a 402 billing error', () => {
    const error = budgetExceededError(
      {
        ok: false,
        budget: { scope: 'project', subject: 'proj_1', period: 'daily', window: '2026-05-01', limit: '0.5' },
        remaining: '0.000012',
      },
      '0.000026',
    );
    expect(GatewayError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      status: 402,
      type: 'billing_error',
      code: 'budget_exceeded',
      isRetryable: false,
    });
    expect(error.message).toBe(
      "Budget exceeded: the daily (2026-05-01, UTC) budget of project 'proj_1' is $0.50 and has $0.000012 left; " +
        'this request may cost up to $0.000026. Lower max_tokens or raise the budget.',
    );
  });
});
