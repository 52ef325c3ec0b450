import { Readable } from 'node:stream';
import type { HttpResponse } from '@signalbox/provider-utils';
import { describe, expect, it } from 'vitest';
import contentFilter from './__fixtures__/azure-content-filter-error.json' with { type: 'json' };
import { createAzureErrorHandler, filteredCategories } from './azure-error.js';

function response(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  const text = JSON.stringify(body);
  const stream = Object.assign(Readable.from([Buffer.from(text)]), { text: async () => text });
  return {
    status,
    statusText: '',
    headers: { 'content-type': 'application/json', ...headers },
    body: stream as unknown as HttpResponse['body'],
    url: 'https://contoso.openai.azure.com/openai/deployments/d/chat/completions?api-version=2024-10-21',
  };
}

const handle = createAzureErrorHandler('azure');

describe('createAzureErrorHandler', () => {
  it('a content_filter refusal is a 400 content_filter with the filtered categories in the message', async () => {
    const error = await handle(response(400, contentFilter));
    expect([error.status, error.code, error.param, error.isRetryable]).toEqual([
      400,
      'content_filter',
      'prompt',
      false,
    ]);
    expect(error.message).toMatch(
      /content management policy.*\(filtered categories: violence \(medium\)\)$/s,
    );
  });

  it('drops numeric codes, keeps named ones, keeps Retry-After', async () => {
    const limited = await handle(
      response(
        429,
        {
          error: {
            code: '429',
            message: 'Requests to the ChatCompletions_Create Operation ... have exceeded token rate limit.',
          },
        },
        { 'retry-after': '6' },
      ),
    );
    expect([limited.status, limited.code, limited.retryAfter, limited.isRetryable]).toEqual([
      429,
      undefined,
      6,
      true,
    ]);
    const missing = await handle(
      response(404, {
        error: {
          code: 'DeploymentNotFound',
          message: 'The API deployment for this resource does not exist.',
        },
      }),
    );
    expect([missing.status, missing.code]).toEqual([404, 'DeploymentNotFound']);
  });

  it('a 401 is a 502 upstream_authentication_failed', async () => {
    const error = await handle(
      response(401, { error: { code: '401', message: 'Access denied due to invalid subscription key' } }),
    );
    expect([error.status, error.code]).toEqual([502, 'upstream_authentication_failed']);
  });
});

describe('filteredCategories', () => {
  it('names the filtered categories with their severity or detection', () => {
    expect(
      filteredCategories({
        hate: { filtered: false, severity: 'safe' },
        violence: { filtered: true, severity: 'high' },
        jailbreak: { filtered: true, detected: true },
        custom: { filtered: true },
      }),
    ).toBe('violence (high), jailbreak (detected), custom');
    expect(filteredCategories(undefined)).toBe('');
  });
});
