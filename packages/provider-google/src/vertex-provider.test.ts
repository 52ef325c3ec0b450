import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChatRequest, ProviderCall } from '@signalbox/core';
import { collectStream, streamProblems } from '@signalbox/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeServiceAccount } from './fake-google-oauth.js';
import { type FakeGoogle, startFakeGoogle } from './fake-google.js';
import { createVertex, type VertexProvider } from './vertex-provider.js';

let fake: FakeGoogle;
let vertex: VertexProvider;
let directory: string;

beforeAll(async () => {
  fake = await startFakeGoogle({ project: 'my-project' });
  vertex = createVertex({
    project: 'my-project',
    location: 'europe-west4',
    credentials: fake.serviceAccount(),
    baseURL: fake.vertexBaseURL,
  });
  directory = await mkdtemp(join(tmpdir(), 'signalbox-vertex-'));
});
afterAll(async () => {
  await vertex.close();
  await fake.close();
  await rm(directory, { recursive: true, force: true });
});

function call(request: Partial<ChatRequest> = {}, extra: Partial<ProviderCall> = {}): ProviderCall {
  return {
    modelId: 'gemini-2.5-flash',
    signal: new AbortController().signal,
    request: {
      model: 'vertex/gemini-2.5-flash',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello there' }] }],
      stream: false,
      ...request,
    },
    ...extra,
  };
}

describe('createVertex', () => {
  it('calls the regional model URL with a bearer token from the service account, fetched once', async () => {
    const issued = fake.tokensIssued;
    const results = await Promise.all([
      vertex.generate(call()),
      vertex.generate(call()),
      vertex.generate(call()),
    ]);
    expect(results.map((result) => result.content)).toEqual(
      Array.from({ length: 3 }, () => [{ type: 'text', text: 'echo: Hello there' }]),
    );
    await vertex.generate(call());
    expect(fake.tokensIssued - issued).toBe(1);
    const request = fake.requests.at(-1);
    expect(request?.path).toBe(
      '/v1/projects/my-project/locations/europe-west4/publishers/google/models/gemini-2.5-flash:generateContent',
    );
    expect(request?.headers.authorization).toMatch(/^Bearer ya29\.fake-/);
  });

  it('streams, sends metadata as labels and no function call ids', async () => {
    const parts = await collectStream(
      (
        await vertex.stream(
          call({
            stream: true,
            metadata: { team: 'search' },
            messages: [
              { role: 'user', content: [{ type: 'text', text: 'q' }] },
              {
                role: 'assistant',
                content: [{ type: 'tool-call', toolCallId: 'toolu_1', toolName: 'f', input: '{}' }],
              },
              { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'toolu_1', output: 'done' }] },
            ],
            tools: [
              {
                type: 'function',
                name: 'f',
                inputSchema: { type: 'object', properties: { a: { type: 'string' } } },
              },
            ],
          }),
        )
      ).stream,
    );
    expect(streamProblems(parts)).toEqual([]);
    const body = fake.requests.at(-1)?.body as Record<string, unknown>;
    expect(body.labels).toEqual({ team: 'search' });
    expect(JSON.stringify(body.contents)).not.toContain('"id"');
    expect(fake.requests.at(-1)?.path).toMatch(/:streamGenerateContent\?alt=sse$/);
  });

  it('counts tokens with the bare request body', async () => {
    expect(await vertex.countTokens(call())).toEqual({ inputTokens: expect.any(Number) });
    expect(fake.requests.at(-1)?.body).toHaveProperty('contents');
  });

  it('another project is refused: a 502 about the gateway’s credentials', async () => {
    const other = createVertex({
      project: 'not-mine',
      location: 'us-central1',
      credentials: fake.serviceAccount(),
      baseURL: fake.vertexBaseURL,
    });
    expect(await other.generate(call()).catch((e) => e)).toMatchObject({
      status: 502,
      upstreamStatus: 403,
      code: 'upstream_authentication_failed',
    });
    await other.close();
  });

  it("a key the token endpoint does not know is the operator's problem, not retryable", async () => {
    const stranger = createFakeServiceAccount(fake.tokenURL);
    const unknown = createVertex({
      project: 'my-project',
      location: 'us-central1',
      credentials: stranger.credentials,
      baseURL: fake.vertexBaseURL,
    });
    const error = await unknown.generate(call()).catch((e) => e);
    expect(error).toMatchObject({
      status: 502,
      code: 'upstream_authentication_failed',
      upstreamStatus: 400,
      isRetryable: false,
    });
    expect(error.message).toMatch(/could not get an access token/);
    await unknown.close();
  });

  it('reads a service-account key file', async () => {
    const path = join(directory, 'key.json');
    await writeFile(path, JSON.stringify(fake.serviceAccount()));
    const fromFile = createVertex({
      project: 'my-project',
      location: 'us-central1',
      keyFile: path,
      baseURL: fake.vertexBaseURL,
    });
    expect((await fromFile.generate(call())).content).toEqual([{ type: 'text', text: 'echo: Hello there' }]);
    await fromFile.close();
    expect(() =>
      createVertex({ project: 'p', location: 'l', keyFile: join(directory, 'missing.json') }),
    ).toThrow(/option 'keyFile' must be a readable JSON key file/);
  });

  it("sends a call's own key as the bearer token", async () => {
    const error = await vertex.generate(call({}, { apiKey: 'ya29.someone-else' })).catch((e) => e);
    expect(fake.requests.at(-1)?.headers.authorization).toBe('Bearer ya29.someone-else');
    expect(error).toMatchObject({ status: 502, upstreamStatus: 401, code: 'upstream_authentication_failed' });
    expect(error.message).toMatch(/bring your own key/);
  });

  it('an abort while waiting for the token settles at once', async () => {
    const fresh = createVertex({
      project: 'my-project',
      location: 'us-central1',
      credentials: fake.serviceAccount(),
      baseURL: fake.vertexBaseURL,
    });
    const controller = new AbortController();
    const pending = fresh.generate(call({}, { signal: controller.signal })).catch((e) => e);
    controller.abort(new Error('client went away'));
    expect(await pending).toMatchObject({ message: 'client went away' });
    await fresh.close();
  });

  it('uses the documented regional and global URLs by default', () => {
    const regional = createVertex({ project: 'p', location: 'us-east5', credentials: fake.serviceAccount() });
    expect(regional.baseURL).toBe('https://us-east5-aiplatform.googleapis.com/v1');
    const global = createVertex({ project: 'p', location: 'global', credentials: fake.serviceAccount() });
    expect(global.baseURL).toBe('https://aiplatform.googleapis.com/v1');
    expect(global.listModels).toBeUndefined();
  });
});
