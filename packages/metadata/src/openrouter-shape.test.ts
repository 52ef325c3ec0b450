import type { CostInfo } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import {
  costNumber,
  isByok,
  openrouterBodyFields,
  openrouterCostFields,
  usageFields,
} from './openrouter-shape.js';
import { attempt, source } from './test-support.js';

const cost: CostInfo = {
  total: '0.000087',
  market: '0.00009',
  inference: '0.000087',
  input: '0.000022',
  output: '0.000065',
  isByok: false,
  estimated: false,
};

describe('openrouter shape', () => {
  it('turns decimal strings into numbers', () => {
    expect(costNumber('0.000087')).toBe(0.000087);
    expect(costNumber('0')).toBe(0);
    expect(costNumber('not a number')).toBe(0);
  });

  it('names the provider and the model actually used', () => {
    const fields = openrouterBodyFields(
      source({
        request: { model: 'smart', messages: [], stream: false },
        resolved: { model: 'backup/echo', provider: 'backup', providerModelId: 'echo' },
      }),
    );
    expect(fields).toEqual({ provider: 'backup', model: 'backup/echo' });
    expect(openrouterBodyFields(source({ resolved: undefined }))).toEqual({});
  });

  it('has OpenRouter cost fields as numbers', () => {
    expect(openrouterCostFields(cost)).toEqual({
      cost: 0.000087,
      cost_details: {
        upstream_inference_cost: 0.000087,
        upstream_inference_prompt_cost: 0.000022,
        upstream_inference_completions_cost: 0.000065,
      },
    });
    expect(openrouterCostFields(undefined)).toEqual({});
  });

  it('derives is_byok from the cost, else from the successful attempt', () => {
    expect(isByok(source({ cost: { ...cost, isByok: true } }))).toBe(true);
    expect(isByok(source())).toBe(false);
    expect(isByok(source({ attempts: [attempt({ credentialType: 'byok' })] }))).toBe(true);
  });

  it('chooses usage fields by style', () => {
    const known = source({ cost });
    expect(usageFields(known, { vercel: true, openrouter: true })).toEqual({
      cost: 0.000087,
      is_byok: false,
      cost_details: {
        upstream_inference_cost: 0.000087,
        upstream_inference_prompt_cost: 0.000022,
        upstream_inference_completions_cost: 0.000065,
      },
      market_cost: 0.00009,
    });
    expect(usageFields(known, { vercel: true, openrouter: false })).toEqual({
      cost: 0.000087,
      market_cost: 0.00009,
    });
    expect(usageFields(known, { vercel: false, openrouter: false })).toEqual({});
    expect(usageFields(source(), { vercel: true, openrouter: true })).toEqual({ is_byok: false });
  });
});
