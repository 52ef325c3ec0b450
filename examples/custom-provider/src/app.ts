// A gateway whose only provider is the custom Cohere adapter, mounted in Express at /v1:
// OpenAI- and Anthropic-format clients can now use Cohere models (`cohere/command-a-03-2025`).
import { createGateway, type Gateway } from '@signalbox/core';
import { express as signalbox } from '@signalbox/express';
import express, { type Express } from 'express';
import { type CohereProvider, createCohere } from './cohere-provider.js';

/** Options of {@link createApp}. */
export interface CustomProviderAppOptions {
  /** The Cohere API key (`COHERE_API_KEY`). */
  cohereApiKey: string;
  /** Default `https://api.cohere.com` (`COHERE_BASE_URL`). */
  cohereBaseURL?: string;
}

/** The Express app, its gateway, and `close()` to free the adapter's sockets. */
export interface CustomProviderApp {
  app: Express;
  gateway: Gateway;
  cohere: CohereProvider;
  close(): Promise<void>;
}

/**
 * Creates an Express app serving the gateway at `/v1` with the Cohere adapter registered as
 * provider `cohere`, and the alias `command` for `cohere/command-a-03-2025`.
 *
 * @example
 * const { app } = createApp({ cohereApiKey: process.env.COHERE_API_KEY ?? '' });
 * app.listen(8789);
 */
export function createApp(options: CustomProviderAppOptions): CustomProviderApp {
  const cohere = createCohere({
    apiKey: options.cohereApiKey,
    ...(options.cohereBaseURL !== undefined && { baseURL: options.cohereBaseURL }),
    listModels: ['command-a-03-2025', 'command-r7b-12-2024'],
  });
  const gateway = createGateway({
    providers: [cohere],
    models: { command: 'cohere/command-a-03-2025' },
  });
  const app = express();
  app.use('/v1', signalbox(gateway));
  return {
    app,
    gateway,
    cohere,
    async close() {
      await gateway.close();
      await cohere.close();
    },
  };
}
