import { createSign } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGoogle, startFakeGoogle } from './fake-google.js';

let fake: FakeGoogle;

beforeAll(async () => {
  fake = await startFakeGoogle({ project: 'my-project' });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const ask = (text: string, extra: Record<string, unknown> = {}) => ({
  contents: [{ role: 'user', parts: [{ text }] }],
  ...extra,
});

async function gemini(path: string, body: unknown, key: string | null = 'gemini-test-key') {
  const response = await fetch(`${fake.geminiBaseURL}/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key !== null && { 'x-goog-api-key': key }) },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) };
}

function assertionFor(
  credentials: ReturnType<FakeGoogle['serviceAccount']>,
  claims: Record<string, unknown> = {},
) {
  const now = Math.floor(Date.now() / 1000);
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'RS256', typ: 'JWT' })}.${encode({
    iss: credentials.client_email,
    scope: 'https://www.googleapis.com/auth/cloud-platform',
    aud: 'https://oauth2.googleapis.com/token',
    iat: now,
    exp: now + 3600,
    ...claims,
  })}`;
  const signer = createSign('RSA-SHA256');
  signer.update(unsigned);
  return `${unsigned}.${signer.sign(credentials.private_key, 'base64url')}`;
}

async function accessToken(claims: Record<string, unknown> = {}) {
  const response = await fetch(fake.tokenURL, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion: assertionFor(fake.serviceAccount(), claims),
    }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('fake Gemini API', () => {
  it('echoes the last user text with usage', async () => {
    const response = await gemini('models/gemini-2.5-flash:generateContent', ask('Hello there'));
    expect(response.status).toBe(200);
    expect(response.json()).toMatchObject({
      candidates: [
        { content: { role: 'model', parts: [{ text: 'echo: Hello there' }] }, finishReason: 'STOP' },
      ],
      usageMetadata: { promptTokenCount: expect.any(Number), candidatesTokenCount: 3 },
      modelVersion: 'gemini-2.5-flash',
    });
  });

  it('calls a declared function when asked about the weather, then answers its output', async () => {
    const tools = [
      {
        functionDeclarations: [
          {
            name: 'get_weather',
            parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
          },
        ],
      },
    ];
    const first = await gemini(
      'models/gemini-2.5-flash:generateContent',
      ask('Weather in Paris?', { tools }),
    );
    expect(first.json().candidates[0].content.parts).toEqual([
      { functionCall: { name: 'get_weather', args: { city: 'Paris' } } },
    ]);
    const second = await gemini('models/gemini-2.5-flash:generateContent', {
      tools,
      contents: [
        { role: 'user', parts: [{ text: 'Weather in Paris?' }] },
        { role: 'model', parts: [{ functionCall: { name: 'get_weather', args: { city: 'Paris' } } }] },
        {
          role: 'user',
          parts: [{ functionResponse: { name: 'get_weather', response: { output: 'sunny' } } }],
        },
      ],
    });
    expect(second.json().candidates[0].content.parts).toEqual([{ text: 'tool said: sunny' }]);
  });

  it('shows thoughts and signs calls when asked', async () => {
    const response = await gemini(
      'models/gemini-2.5-flash:generateContent',
      ask('hi', { generationConfig: { thinkingConfig: { includeThoughts: true } } }),
    );
    const body = response.json();
    expect(body.candidates[0].content.parts[0]).toMatchObject({ thought: true });
    expect(body.usageMetadata.thoughtsTokenCount).toBeGreaterThan(0);
  });

  it('streams SSE chunks, the last with the finish reason', async () => {
    const response = await gemini('models/gemini-2.5-flash:streamGenerateContent?alt=sse', ask('one two'));
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const chunks = response.text
      .split('\n\n')
      .filter(Boolean)
      .map((frame) => JSON.parse(frame.replace(/^data: /, '')));
    expect(chunks.map((chunk) => chunk.candidates[0].content.parts[0].text)).toEqual([
      'echo:',
      ' one',
      ' two',
      '',
    ]);
    expect(chunks.at(-1).candidates[0].finishReason).toBe('STOP');
    const array = await gemini('models/gemini-2.5-flash:streamGenerateContent', ask('x'));
    expect(Array.isArray(array.json())).toBe(true);
  });

  it('counts tokens', async () => {
    const response = await gemini('models/gemini-2.5-flash:countTokens', {
      generateContentRequest: ask('hello'),
    });
    expect(response.json()).toEqual({ totalTokens: expect.any(Number) });
  });

  it('rejects a wrong key with 400 API_KEY_INVALID and a missing one with 403', async () => {
    const wrong = await gemini('models/gemini-2.5-flash:generateContent', ask('hi'), 'nope');
    expect(wrong.status).toBe(400);
    expect(wrong.json().error.details[0].reason).toBe('API_KEY_INVALID');
    expect((await gemini('models/gemini-2.5-flash:generateContent', ask('hi'), null)).status).toBe(403);
    const query = await fetch(
      `${fake.geminiBaseURL}/models/gemini-2.5-flash:generateContent?key=gemini-test-key`,
      {
        method: 'POST',
        body: JSON.stringify(ask('hi')),
      },
    );
    expect(query.status).toBe(200);
  });

  it('answers 404 for an unknown model and 400 for an invalid body', async () => {
    expect((await gemini('models/gpt-4o:generateContent', ask('hi'))).status).toBe(404);
    const invalid = await gemini('models/gemini-2.5-flash:generateContent', { contents: [] });
    expect(invalid.status).toBe(400);
    expect(invalid.json().error).toMatchObject({
      status: 'INVALID_ARGUMENT',
      message: expect.stringContaining('contents'),
    });
  });

  it('fails on demand: a 429 with Retry-After and RetryInfo', async () => {
    const response = await gemini(
      'models/gemini-2.5-flash:status-429:retry-after-2:generateContent',
      ask('hi'),
    );
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(response.json().error.details).toContainEqual({
      '@type': 'type.googleapis.com/google.rpc.RetryInfo',
      retryDelay: '2s',
    });
  });

  it('truncate leaves out the final chunk', async () => {
    const response = await gemini(
      'models/gemini-2.5-flash:truncate:streamGenerateContent?alt=sse',
      ask('a b'),
    );
    expect(response.text).not.toContain('finishReason');
  });

  it('lists models that generate content, and embeddings', async () => {
    const response = await fetch(`${fake.geminiBaseURL}/models`, {
      headers: { 'x-goog-api-key': 'gemini-test-key' },
    });
    const body = (await response.json()) as { models: Array<{ name: string }> };
    expect(body.models.map((model) => model.name)).toContain('models/gemini-2.5-flash');
  });
});

describe('fake Vertex AI and its token endpoint', () => {
  const vertexURL = (project = 'my-project') =>
    `${fake.vertexBaseURL}/projects/${project}/locations/us-central1/publishers/google/models/gemini-2.5-flash:generateContent`;

  it('issues a token for a correctly signed assertion, which Vertex then accepts', async () => {
    const token = await accessToken();
    expect(token.status).toBe(200);
    expect(token.body).toMatchObject({ token_type: 'Bearer', expires_in: 3599 });
    expect(fake.tokensIssued).toBe(1);
    const response = await fetch(vertexURL(), {
      method: 'POST',
      headers: { authorization: `Bearer ${token.body.access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify(ask('hi', { labels: { team: 'a' } })),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      candidates: [{ content: { parts: [{ text: 'echo: hi' }] } }],
    });
  });

  it('refuses a bad assertion, a missing token and another project', async () => {
    expect((await accessToken({ aud: 'https://example.com' })).body).toMatchObject({
      error: 'invalid_grant',
    });
    expect((await accessToken({ exp: 1 })).status).toBe(400);
    const unauthenticated = await fetch(vertexURL(), { method: 'POST', body: JSON.stringify(ask('hi')) });
    expect(unauthenticated.status).toBe(401);
    const token = await accessToken();
    const other = await fetch(vertexURL('not-mine'), {
      method: 'POST',
      headers: { authorization: `Bearer ${token.body.access_token}` },
      body: JSON.stringify(ask('hi')),
    });
    expect(other.status).toBe(403);
  });
});
