import { describe, expect, it } from 'vitest';
import { azureChatURL, azureOpenAIRoot, parseAzureOptions } from './azure-options.js';

describe('parseAzureOptions', () => {
  it('needs exactly one of resourceName and baseURL, and one credential', () => {
    expect(parseAzureOptions({ resourceName: 'my-resource', apiKey: 'k' })).toEqual({
      resourceName: 'my-resource',
      apiKey: 'k',
    });
    expect(() => parseAzureOptions({ apiKey: 'k' })).toThrow(
      "createAzure: option 'resourceName' or baseURL is required, not both",
    );
    expect(() =>
      parseAzureOptions({ resourceName: 'r', baseURL: 'https://r.openai.azure.com', apiKey: 'k' }),
    ).toThrow(/resourceName' or baseURL/);
    expect(() => parseAzureOptions({ resourceName: 'r' })).toThrow("option 'apiKey' or getToken");
    expect(() => parseAzureOptions({ resourceName: 'r', apiKey: 'k', getToken: () => 't' })).toThrow(
      /exactly one/,
    );
  });

  it('names a bad option', () => {
    expect(() => parseAzureOptions({ resourceName: 'r', apiKey: 'k', apiVersion: 'latest' })).toThrow(
      /'apiVersion' must look like/,
    );
    expect(() => parseAzureOptions({ resourceName: 'r', apiKey: 'k', deployment: {} })).toThrow(
      "unknown option 'deployment'",
    );
    expect(() => parseAzureOptions({ resourceName: 'r', getToken: 'token' })).toThrow(
      /'getToken' must be a function/,
    );
  });
});

describe('Azure URLs', () => {
  it('builds the deployment URL from a resource name or an endpoint', () => {
    expect(azureOpenAIRoot({ resourceName: 'contoso' })).toBe('https://contoso.openai.azure.com/openai');
    expect(azureOpenAIRoot({ baseURL: 'https://contoso.openai.azure.com/' })).toBe(
      'https://contoso.openai.azure.com/openai',
    );
    expect(azureOpenAIRoot({ baseURL: 'https://apim.example.com/openai' })).toBe(
      'https://apim.example.com/openai',
    );
    expect(azureChatURL('https://contoso.openai.azure.com/openai', 'gpt-4o mini', '2024-10-21')).toBe(
      'https://contoso.openai.azure.com/openai/deployments/gpt-4o%20mini/chat/completions?api-version=2024-10-21',
    );
  });
});
