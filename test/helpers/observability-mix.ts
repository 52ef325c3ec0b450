/** A gateway key made through the admin API, in a project. */
export interface MixKey {
  key: string;
  id: string;
  prefix: string;
  projectId: string;
}

/** What one scripted request produced. */
export interface MixResult {
  label: string;
  key: MixKey;
  generationId: string;
  status: number;
  stream: boolean;
  headers: Headers;
  text: string;
}

/** Creates the two keys of the mix (`alpha` in project `team-red`, `beta` in `team-blue`). */
export async function createMixKeys(url: string, adminKey: string): Promise<{ alpha: MixKey; beta: MixKey }> {
  const create = async (name: string, projectId: string): Promise<MixKey> => {
    const response = await fetch(`${url}/v1/admin/keys?createProject=true`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name, projectId }),
    });
    if (response.status !== 201)
      throw new Error(`creating a key: ${response.status} ${await response.text()}`);
    const created = (await response.json()) as { key: string; id: string; prefix: string };
    return { ...created, projectId };
  };
  return { alpha: await create('alpha', 'team-red'), beta: await create('beta', 'team-blue') };
}

interface MixRequest {
  label: string;
  key: 'alpha' | 'beta';
  path?: '/v1/chat/completions' | '/v1/messages';
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

/**
 * The scripted mix: several models (a mock model, the catalog's two-provider model, its alias, the
 * backup provider), both keys, both endpoints, plain and streamed, a fallback (a 500 on the first
 * model, then `models: [...]`), a cache miss then hit, and an error. `tag` keeps fault models and
 * cache entries apart between runs.
 */
export function mixRequests(tag: string): MixRequest[] {
  const user = (content: string) => [{ role: 'user', content }];
  return [
    {
      label: 'plain',
      key: 'alpha',
      body: { model: 'mock/echo', messages: user(`Hello observability ${tag}`) },
    },
    {
      label: 'stream',
      key: 'alpha',
      body: { model: 'mock/echo', stream: true, messages: user('stream two words') },
    },
    {
      label: 'catalog',
      key: 'alpha',
      body: { model: 'signalbox/echo', messages: user('catalog model three') },
    },
    { label: 'alias', key: 'beta', body: { model: 'echo', messages: user('alias four') } },
    {
      label: 'backup-stream',
      key: 'beta',
      body: {
        model: 'mock-backup/echo',
        stream: true,
        stream_options: { include_usage: true },
        messages: user('backup stream five'),
      },
    },
    {
      label: 'fallback',
      key: 'beta',
      body: {
        model: `mock/echo:status-500:${tag}`,
        models: ['mock-backup/echo'],
        messages: user('fall back six'),
      },
    },
    {
      label: 'cache-miss',
      key: 'alpha',
      headers: { 'x-signalbox-cache': 'true' },
      body: { model: 'mock/echo', messages: user(`cache me seven ${tag}`) },
    },
    {
      label: 'cache-hit',
      key: 'alpha',
      headers: { 'x-signalbox-cache': 'true' },
      body: { model: 'mock/echo', messages: user(`cache me seven ${tag}`) },
    },
    {
      label: 'error',
      key: 'beta',
      body: { model: `mock/echo:status-400:${tag}`, messages: user('this fails') },
    },
    {
      label: 'anthropic',
      key: 'alpha',
      path: '/v1/messages',
      body: { model: 'mock/echo', max_tokens: 50, messages: user('anthropic nine') },
    },
  ];
}

/** Sends the mix, one request after the other, reading streams to their end. */
export async function runScriptedMix(
  url: string,
  keys: { alpha: MixKey; beta: MixKey },
  tag: string,
): Promise<MixResult[]> {
  const results: MixResult[] = [];
  for (const request of mixRequests(tag)) {
    const key = keys[request.key];
    const response = await fetch(`${url}${request.path ?? '/v1/chat/completions'}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${key.key}`,
        'content-type': 'application/json',
        ...(request.path === '/v1/messages' && { 'anthropic-version': '2023-06-01' }),
        ...request.headers,
      },
      body: JSON.stringify(request.body),
    });
    results.push({
      label: request.label,
      key,
      generationId: response.headers.get('x-signalbox-generation-id') ?? '',
      status: response.status,
      stream: request.body.stream === true,
      headers: response.headers,
      text: await response.text(),
    });
  }
  return results;
}
