import { GatewayError, type ProviderCall } from '@signalbox/core';
import { collectStream, streamProblems, textOf } from '@signalbox/testing';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { AZURE_DEFAULT_API_VERSION } from './azure-options.js';
import { createAzure } from './azure-provider.js';
import { startFakeAzure } from './fake-azure.js';

const upstream = await startFakeAzure({
  apiKey: 'azure-key',
  token: 'entra-token',
  deployments: ['prod-mini', 'gpt-4o'],
});
const azure = createAzure({
  baseURL: `${upstream.url}/`,
  apiKey: 'azure-key',
  deployments: { 'gpt-4o-mini': 'prod-mini' },
});
afterAll(async () => {
  await azure.close();
  await upstream.close();
});
beforeEach(() => upstream.reset());

function call(
  text = 'Hello Azure',
  modelId = 'gpt-4o-mini',
  extra: Partial<ProviderCall> = {},
): ProviderCall {
  return {
    modelId,
    signal: new AbortController().signal,
    request: {
      model: `azure/${modelId}`,
      stream: false,
      messages: [{ role: 'user', content: [{ type: 'text', text }] }],
    },
    ...extra,
  };
}

async function rejection(promise: Promise<unknown>): Promise<GatewayError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!GatewayError.isInstance(error)) throw new Error(`expected a GatewayError, got ${String(error)}`);
  return error;
}

describe('createAzure', () => {
  it('declares itself, with the resource URL and the default GA api-version', () => {
    const adapter = createAzure({ resourceName: 'contoso', apiKey: 'k' });
    expect([adapter.name, adapter.format, adapter.baseURL, adapter.apiVersion]).toEqual([
      'azure',
      'openai',
      'https://contoso.openai.azure.com/openai',
      AZURE_DEFAULT_API_VERSION,
    ]);
    expect(AZURE_DEFAULT_API_VERSION).toBe('2024-10-21');
  });

  it('POSTs to the deployment URL with api-version and the api-key header', async () => {
    const result = await azure.generate(call());
    expect(textOf(result.content)).toBe('echo: Hello Azure');
    const sent = upstream.requests[0];
    expect(sent?.path).toBe(
      `/openai/deployments/prod-mini/chat/completions?api-version=${AZURE_DEFAULT_API_VERSION}`,
    );
    expect(sent?.headers['api-key']).toBe('azure-key');
    expect(sent?.headers.authorization).toBeUndefined();
    expect(result.response.requestId).toMatch(/^fake-azure-/);
    expect(azure.deploymentFor('gpt-4o-mini')).toBe('prod-mini');
    expect(azure.deploymentFor('gpt-4o')).toBe('gpt-4o');
  });

  it('keeps prompt and content filter results in providerMetadata.azure', async () => {
    const result = await azure.generate(call());
    expect(result.providerMetadata?.azure).toMatchObject({
      prompt_filter_results: [
        { prompt_index: 0, content_filter_results: { jailbreak: { filtered: false, detected: false } } },
      ],
      content_filter_results: { violence: { filtered: false, severity: 'safe' } },
    });
  });

  it('streams, with the prompt-filter chunk folded into the finish metadata', async () => {
    const parts = await collectStream((await azure.stream(call('Hello stream'))).stream);
    expect(streamProblems(parts)).toEqual([]);
    expect(textOf(parts)).toBe('echo: Hello stream');
    expect(parts.find((part) => part.type === 'response-metadata')).toMatchObject({
      id: expect.stringMatching(/^chatcmpl-/),
    });
    const finish = parts.at(-1);
    expect(finish?.type === 'finish' && finish.providerMetadata?.azure).toMatchObject({
      prompt_filter_results: expect.any(Array),
      content_filter_results: expect.any(Object),
    });
    expect(finish?.type === 'finish' && finish.usage.inputTokens.total).toBeGreaterThan(0);
  });

  it('a prompt refused by the content filter is a 400 content_filter naming the categories', async () => {
    for (const method of ['generate', 'stream'] as const) {
      const error = await rejection(azure[method](call('trigger-prompt-filter now')));
      expect([error.status, error.code, error.isRetryable, error.param]).toEqual([
        400,
        'content_filter',
        false,
        'prompt',
      ]);
      expect(error.message).toContain('(filtered categories: violence (medium))');
    }
  });

  it('an output stopped by the filter is finish reason content-filter, plain and streamed', async () => {
    const result = await azure.generate(call('trigger-output-filter now'));
    expect(result.finishReason).toEqual({ unified: 'content-filter', raw: 'content_filter' });
    expect(result.providerMetadata?.azure?.content_filter_results).toMatchObject({
      violence: { filtered: true },
    });
    const parts = await collectStream((await azure.stream(call('trigger-output-filter now'))).stream);
    const finish = parts.at(-1);
    expect(finish?.type === 'finish' && finish.finishReason.unified).toBe('content-filter');
    expect(finish?.type === 'finish' && finish.providerMetadata?.azure?.content_filter_results).toMatchObject(
      {
        violence: { filtered: true, severity: 'high' },
      },
    );
  });

  it('a deployment that does not exist is a 404 DeploymentNotFound', async () => {
    const error = await rejection(azure.generate(call('Hi', 'gpt-35-turbo')));
    expect([error.status, error.code]).toEqual([404, 'DeploymentNotFound']);
  });

  it('a wrong key is a 502 upstream_authentication_failed; a call’s own key is sent as api-key', async () => {
    const wrong = createAzure({ baseURL: upstream.url, apiKey: 'wrong' });
    const error = await rejection(wrong.generate(call()));
    expect([error.status, error.code, error.isRetryable]).toEqual([
      502,
      'upstream_authentication_failed',
      false,
    ]);
    await wrong.generate(call('Hi', 'gpt-4o-mini', { apiKey: 'azure-key' })).catch(() => undefined);
    await azure.generate(call('Hi', 'gpt-4o-mini', { apiKey: 'byok-key' })).catch(() => undefined);
    expect(upstream.requests.at(-1)?.headers['api-key']).toBe('byok-key');
    await wrong.close();
  });

  it('sends an Entra ID token as a bearer token, asked for every request', async () => {
    let asked = 0;
    const adapter = createAzure({
      baseURL: upstream.url,
      deployments: { 'gpt-4o-mini': 'prod-mini' },
      getToken: async () => {
        asked += 1;
        return 'entra-token';
      },
    });
    await adapter.generate(call());
    await adapter.generate(call());
    expect(asked).toBe(2);
    expect(upstream.requests[0]?.headers.authorization).toBe('Bearer entra-token');
    expect(upstream.requests[0]?.headers['api-key']).toBeUndefined();
    const failing = createAzure({
      baseURL: upstream.url,
      azureADTokenProvider: async () => {
        throw new Error('ManagedIdentityCredential: no managed identity endpoint found');
      },
    });
    const error = await rejection(failing.generate(call()));
    expect([error.status, error.code]).toEqual([502, 'upstream_authentication_failed']);
    expect(error.message).toContain('no managed identity endpoint found');
    await adapter.close();
    await failing.close();
  });

  it('lists the mapped model ids', async () => {
    expect(await azure.listModels?.({ signal: new AbortController().signal })).toEqual([
      { id: 'gpt-4o-mini', ownedBy: 'azure' },
    ]);
    expect(createAzure({ resourceName: 'r', apiKey: 'k' }).listModels).toBeUndefined();
  });

  it('passes an OpenAI client’s own fields through, like the OpenAI adapter', async () => {
    await azure.generate({
      ...call(),
      request: {
        ...call().request,
        source: { format: 'openai', extraFields: { logit_bias: { '50256': -100 } }, forwardHeaders: {} },
      },
    });
    expect(upstream.requests[0]?.body).toMatchObject({ model: 'gpt-4o-mini', logit_bias: { '50256': -100 } });
  });
});
