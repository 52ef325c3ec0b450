import { sseJson } from '@signalbox/core';
import {
  applyLeadingFaults,
  decideReply,
  type Exchange,
  type FakeUpstream,
  isRecord,
  openSse,
  planFaults,
  sendJson,
  sendJsonWithFaults,
  startFakeServer,
} from '@signalbox/testing/upstreams';
import {
  apiKeyInvalid,
  faultError,
  type GoogleErrorBody,
  googleError,
  invalidArgument,
  missingApiKey,
  unauthenticated,
} from './fake-google-errors.js';
import { checkAssertion, createFakeServiceAccount, type FakeServiceAccount } from './fake-google-oauth.js';
import {
  googleChunks,
  googleConversation,
  googlePromptTokens,
  googleResponse,
  type GoogleReplyOptions,
  thinkingOf,
} from './fake-google-reply.js';
import { validateGoogleRequest } from './fake-google-validate.js';
import type { ServiceAccountCredentials } from './vertex-options.js';

/** Options of {@link startFakeGoogle}. */
export interface FakeGoogleOptions {
  /** The Gemini API key requests must carry (`x-goog-api-key` or `?key=`); default `gemini-test-key`. */
  apiKey?: string;
  /** Validate bodies as strictly as the real API (default true). */
  validate?: boolean;
  /** Known models (others are a 404); default the Gemini 2.0, 2.5 and 3 models. */
  models?: string[];
  /** The only Vertex project served (another one is a 403); default any. */
  project?: string;
}

/** A fake Gemini API and Vertex AI endpoint, with an OAuth token endpoint for service accounts. */
export interface FakeGoogle extends FakeUpstream {
  /** `url + '/v1beta'`: `createGoogle({ baseURL })`. Same as `baseURL`. */
  readonly geminiBaseURL: string;
  /** `url + '/v1'`: `createVertex({ baseURL })`. */
  readonly vertexBaseURL: string;
  /** The fake token endpoint (`url + '/token'`). */
  readonly tokenURL: string;
  /** A service-account key whose `token_uri` is the fake token endpoint (made on first use). */
  serviceAccount(): ServiceAccountCredentials;
  /** Access tokens issued so far. */
  readonly tokensIssued: number;
}

const defaultModels = [
  'gemini-2.5-flash',
  'gemini-2.5-pro',
  'gemini-2.5-flash-lite',
  'gemini-2.0-flash',
  'gemini-3-pro-preview',
];
const methods = '(generateContent|streamGenerateContent|countTokens)';
const geminiPath = new RegExp(`^/v1beta/((?:models|tunedModels)/.+):${methods}$`);
const vertexPath = new RegExp(
  `^/v1/projects/([^/]+)/locations/([^/]+)/publishers/google/models/(.+):${methods}$`,
);
const badStreamFrame = 'data: {"candidates":[{"content":{"parts":[{"text":\n\n';

/**
 * Starts a fake Google generative AI endpoint on `127.0.0.1`, serving both URL shapes:
 *
 * - the Gemini API: `POST /v1beta/models/{model}:generateContent`, `:streamGenerateContent`
 *   (`?alt=sse` for server-sent events, else a JSON array) and `:countTokens`, `GET
 *   /v1beta/models`; the key in `x-goog-api-key` or `?key=` (a wrong one is Gemini's 400
 *   `API_KEY_INVALID`, none a 403);
 * - Vertex AI: `POST /v1/projects/{project}/locations/{location}/publishers/google/models/{model}:...`
 *   with `Authorization: Bearer` an access token this fake issued (else a 401 `UNAUTHENTICATED`);
 * - `POST /token`: the OAuth endpoint of `serviceAccount()`'s key, checking the JWT assertion's
 *   RS256 signature and claims as Google does.
 *
 * It validates bodies as the API documents (`validateGoogleRequest`), replies deterministically
 * (`echo: <last user text>`, a `functionCall` when functions are declared and the user mentions
 * the weather, `tool said: <output>` after function responses, thought summaries and signed
 * calls when thoughts are asked for), and fails on demand through the fault directives of the
 * model id (`gemini-2.5-flash:status-429:retry-after-1`, `:hang`, `:drop-2`, `:reset`,
 * `:bad-json`, `:truncate`, `:delay-<ms>`, `:drip-<ms>`, `:flaky-<status>-<n>`) or `setFault`.
 */
export async function startFakeGoogle(options: FakeGoogleOptions = {}): Promise<FakeGoogle> {
  const apiKey = options.apiKey ?? 'gemini-test-key';
  const validate = options.validate ?? true;
  const models = options.models ?? defaultModels;
  const tokens = new Set<string>();
  let account: FakeServiceAccount | undefined;
  let sequence = 0;

  function tokenError(exchange: Exchange): { error: string; description: string } | undefined {
    const form = new URLSearchParams(exchange.rawBody);
    if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer')
      return { error: 'unsupported_grant_type', description: 'Invalid grant_type.' };
    if (!account) return { error: 'invalid_grant', description: 'Invalid grant: account not found' };
    const check = checkAssertion(form.get('assertion') ?? '', account);
    return 'error' in check ? check : undefined;
  }

  function token(exchange: Exchange): void {
    const failure = tokenError(exchange);
    if (failure) {
      sendJson(exchange, 400, { error: failure.error, error_description: failure.description });
      return;
    }
    const accessToken = `ya29.fake-${tokens.size + 1}-${Math.random().toString(36).slice(2, 10)}`;
    tokens.add(accessToken);
    sendJson(exchange, 200, { access_token: accessToken, expires_in: 3599, token_type: 'Bearer' });
  }

  function geminiAuth(exchange: Exchange): [number, GoogleErrorBody] | undefined {
    const key =
      exchange.headers['x-goog-api-key'] ?? new URL(exchange.url, 'http://x').searchParams.get('key');
    if (!key) return [403, missingApiKey()];
    return key === apiKey ? undefined : [400, apiKeyInvalid()];
  }

  function vertexAuth(
    exchange: Exchange,
    project: string,
    location: string,
  ): [number, GoogleErrorBody] | undefined {
    const bearer = exchange.headers.authorization?.replace(/^Bearer\s+/i, '');
    if (!bearer || !tokens.has(bearer)) return [401, unauthenticated()];
    if (options.project !== undefined && project !== options.project) {
      const resource = `projects/${project}/locations/${location}/publishers/google/models`;
      return [
        403,
        googleError(
          403,
          `Permission 'aiplatform.endpoints.predict' denied on resource '//aiplatform.googleapis.com/${resource}' (or it may not exist).`,
        ),
      ];
    }
    return undefined;
  }

  async function generate(
    exchange: Exchange,
    modelPath: string,
    method: string,
    vertex: boolean,
  ): Promise<void> {
    const headers = { 'x-fake-response-id': `fake-${sequence}` };
    const fail = (status: number, body: unknown, extra: Record<string, string> = {}) =>
      sendJson(exchange, status, body, { ...headers, ...extra });
    const plan = planFaults(modelPath.replace(/^(models|tunedModels)\//, ''), exchange.faultOverride);
    const done = await applyLeadingFaults(exchange, plan, (status, retryAfter) =>
      fail(
        status,
        faultError(status, plan.model, retryAfter),
        retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) },
      ),
    );
    if (done) return;
    if (!models.includes(plan.model))
      return fail(
        404,
        googleError(
          404,
          `models/${plan.model} is not found for API version ${vertex ? 'v1' : 'v1beta'}, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.`,
        ),
      );
    if (!exchange.bodyIsJson || !isRecord(exchange.body))
      return fail(400, invalidArgument('Invalid JSON payload received. Unexpected token.'));
    const body = exchange.body;
    if (method === 'countTokens') {
      const request = !vertex && isRecord(body.generateContentRequest) ? body.generateContentRequest : body;
      return fail(200, { totalTokens: googlePromptTokens(request) });
    }
    const invalid = validate ? validateGoogleRequest(body, { vertex, model: plan.model }) : undefined;
    if (invalid) return fail(400, invalid);
    const reply: GoogleReplyOptions = {
      responseId: `fakeResp${String(sequence).padStart(6, '0')}`,
      model: plan.model,
      reply: decideReply(googleConversation(body)),
      promptTokens: googlePromptTokens(body),
      ...thinkingOf(body, plan.model),
    };
    if (method === 'generateContent')
      return sendJsonWithFaults(exchange, googleResponse(reply), headers, plan.faults);
    const frames = googleChunks(reply);
    if (new URL(exchange.url, 'http://x').searchParams.get('alt') !== 'sse') {
      // Without alt=sse, Gemini streams one JSON array of the chunks.
      return sendJsonWithFaults(
        exchange,
        frames.map((frame) => frame.data),
        headers,
        plan.faults,
      );
    }
    const writer = openSse(exchange, plan.faults, headers, badStreamFrame);
    for (const frame of frames) if (!(await writer.write(sseJson(frame.data), frame.kind))) return;
    writer.end();
  }

  function listModels(exchange: Exchange): void {
    const listed = models.map((model) => ({
      name: `models/${model}`,
      version: '001',
      displayName: model,
      inputTokenLimit: 1_048_576,
      outputTokenLimit: 65_536,
      supportedGenerationMethods: ['generateContent', 'countTokens'],
    }));
    const embedding = {
      name: 'models/text-embedding-004',
      version: '004',
      displayName: 'Text Embedding 004',
      inputTokenLimit: 2048,
      outputTokenLimit: 1,
      supportedGenerationMethods: ['embedContent'],
    };
    sendJson(exchange, 200, { models: [...listed, embedding] });
  }

  const server = await startFakeServer(
    async (exchange) => {
      sequence += 1;
      const path = decodeURIComponent(exchange.path);
      if (exchange.method === 'POST' && path === '/token') return token(exchange);
      const gemini = geminiPath.exec(path);
      const vertex = gemini ? null : vertexPath.exec(path);
      if (exchange.method === 'POST' && (gemini || vertex)) {
        const denied = gemini
          ? geminiAuth(exchange)
          : vertexAuth(exchange, vertex?.[1] ?? '', vertex?.[2] ?? '');
        if (denied) return sendJson(exchange, denied[0], denied[1]);
        if (gemini) return generate(exchange, gemini[1] ?? '', gemini[2] ?? '', false);
        return generate(exchange, vertex?.[3] ?? '', vertex?.[4] ?? '', true);
      }
      if (exchange.method === 'GET' && path === '/v1beta/models') {
        const denied = geminiAuth(exchange);
        if (denied) return sendJson(exchange, denied[0], denied[1]);
        return listModels(exchange);
      }
      sendJson(
        exchange,
        404,
        googleError(404, `The requested URL ${exchange.method} ${path} was not found on this server.`),
      );
    },
    {
      onReset: () => {
        sequence = 0;
      },
    },
  );
  const url = server.url;
  const fake = Object.assign(server, {
    baseURL: `${url}/v1beta`,
    geminiBaseURL: `${url}/v1beta`,
    vertexBaseURL: `${url}/v1`,
    tokenURL: `${url}/token`,
    serviceAccount() {
      account ??= createFakeServiceAccount(`${url}/token`, options.project ?? 'signalbox-test');
      return account.credentials;
    },
    tokensIssued: 0,
  });
  Object.defineProperty(fake, 'tokensIssued', { get: () => tokens.size });
  return fake;
}
