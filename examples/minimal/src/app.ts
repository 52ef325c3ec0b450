// The smallest useful gateway: one provider, no middleware, OpenAI and Anthropic APIs at /v1.
import { createGateway } from '@signalbox/core';
import { express as signalbox } from '@signalbox/express';
import { createMockProvider } from '@signalbox/provider-mock';
import express from 'express';

export const gateway = createGateway({ providers: [createMockProvider()] });
export const app: express.Express = express().use('/v1', signalbox(gateway));
