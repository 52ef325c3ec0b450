import { apiKeyAuth, generateKey } from '@signalbox/auth';
import { createGateway, type Gateway, type ProviderAdapter } from '@signalbox/core';
import { metadata } from '@signalbox/metadata';
import { createAnthropic } from '@signalbox/provider-anthropic';
import { createMockProvider } from '@signalbox/provider-mock';
import { createOpenAI } from '@signalbox/provider-openai';
import type { GatewayConfig } from './config.js';

export interface ExampleGateway {
  gateway: Gateway;
  /** The accepted keys; a generated development key when none were configured. */
  apiKeys: string[];
  /** True when the key was generated at start-up (print it). */
  generatedKey: boolean;
}

/** The example gateway's composition: the mock provider always, every middleware on. */
export function createExampleGateway(config: GatewayConfig): ExampleGateway {
  const generatedKey = config.apiKeys.length === 0;
  const apiKeys = generatedKey ? [generateKey()] : config.apiKeys;
  const providers: ProviderAdapter[] = [createMockProvider()];
  if (config.openai)
    providers.push(createOpenAI({ apiKey: config.openai.apiKey, baseURL: config.openai.baseURL }));
  if (config.anthropic) {
    providers.push(createAnthropic({ apiKey: config.anthropic.apiKey, baseURL: config.anthropic.baseURL }));
  }
  const gateway = createGateway({
    providers,
    use: [apiKeyAuth({ keys: apiKeys }), metadata()],
  });
  return { gateway, apiKeys, generatedKey };
}
