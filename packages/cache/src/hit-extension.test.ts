import type { GatewayContext, ResponseExtension } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import { addHitExtension, type CacheHitMetadata } from './hit-extension.js';

const cache: CacheHitMetadata = {
  status: 'HIT',
  sourceGenerationId: 'gen_src',
  ageSeconds: 3,
  ttlSeconds: 7,
  coalesced: false,
};

function context(
  format: 'openai' | 'anthropic',
  extenders: GatewayContext['extenders'] = [],
): GatewayContext {
  return { format, generationId: 'gen_new', extenders } as unknown as GatewayContext;
}

function evaluate(current: GatewayContext): ResponseExtension {
  const merged: Required<ResponseExtension> = { body: {}, message: {}, choice: {}, usage: {} };
  for (const extender of current.extenders) {
    const extension = extender(current);
    Object.assign(merged.body, extension?.body);
    Object.assign(merged.message, extension?.message);
    Object.assign(merged.choice, extension?.choice);
    Object.assign(merged.usage, extension?.usage);
  }
  return merged;
}

describe('addHitExtension', () => {
  it('puts cache under provider_metadata.gateway: the message for OpenAI, the body for Anthropic', () => {
    const openai = context('openai');
    addHitExtension(openai, cache);
    expect(evaluate(openai).message).toEqual({
      provider_metadata: { gateway: { generationId: 'gen_new', cache } },
    });
    const anthropic = context('anthropic');
    addHitExtension(anthropic, cache);
    expect(evaluate(anthropic).body).toEqual({
      provider_metadata: { gateway: { generationId: 'gen_new', cache } },
    });
  });

  it('keeps what earlier extenders wrote there, side by side with cache', () => {
    const earlier = () => ({
      message: {
        provider_metadata: {
          gateway: { routing: { finalProvider: 'mock' }, generationId: 'gen_new' },
          other: { a: 1 },
        },
      },
      usage: { cost: 0 },
      body: { provider: 'mock' },
    });
    const current = context('openai', [earlier]);
    addHitExtension(current, cache);
    expect(current.extenders).toHaveLength(1);
    expect(evaluate(current)).toEqual({
      body: { provider: 'mock' },
      choice: {},
      usage: { cost: 0 },
      message: {
        provider_metadata: {
          other: { a: 1 },
          gateway: { routing: { finalProvider: 'mock' }, generationId: 'gen_new', cache },
        },
      },
    });
  });
});
