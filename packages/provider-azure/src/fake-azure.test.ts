import { afterAll, describe, expect, it } from 'vitest';
import { startFakeAzure } from './fake-azure.js';

const upstream = await startFakeAzure({ apiKey: 'k', deployments: ['mini'] });
afterAll(() => upstream.close());

const body = JSON.stringify({ model: 'ignored', messages: [{ role: 'user', content: 'hi' }] });
const post = (path: string, headers: Record<string, string> = { 'api-key': 'k' }) =>
  fetch(`${upstream.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });

describe('startFakeAzure', () => {
  it('answers a deployment URL with Azure fields, the deployment as the model', async () => {
    const response = await post('/openai/deployments/mini/chat/completions?api-version=2024-10-21');
    expect(response.status).toBe(200);
    expect(response.headers.get('apim-request-id')).toMatch(/fake-azure/);
    const json = (await response.json()) as Record<string, unknown>;
    expect(json).toMatchObject({ model: 'mini', prompt_filter_results: [{ prompt_index: 0 }] });
  });

  it('requires the key, the api-version and a known deployment', async () => {
    expect((await post('/openai/deployments/mini/chat/completions?api-version=2024-10-21', {})).status).toBe(
      401,
    );
    expect((await post('/openai/deployments/mini/chat/completions')).status).toBe(404);
    const missing = await post('/openai/deployments/other/chat/completions?api-version=2024-10-21');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'DeploymentNotFound' } });
    expect((await post('/v1/chat/completions')).status).toBe(404);
  });
});
