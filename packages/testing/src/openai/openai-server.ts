import { sseFrame, sseJson } from '@signalbox/core';
import { applyLeadingFaults, planFaults } from '../fake/fault-plan.js';
import { type Exchange, startFakeServer } from '../fake/fake-server.js';
import type { FakeUpstream, FakeUpstreamOptions } from '../fake/fake-upstream.js';
import { sendJson, sendJsonWithFaults } from '../fake/http-send.js';
import { isRecord } from '../fake/json.js';
import { decideReply } from '../fake/reply.js';
import { openSse } from '../fake/sse-writer.js';
import { openAIConversation, openAIPromptTokens } from './openai-conversation.js';
import { type OpenAIErrorBody, openAIError, openAIStatusError } from './openai-errors.js';
import { startFastOpenAI } from './openai-fast-server.js';
import { openAIChunks, openAICompletion } from './openai-reply.js';
import { validateOpenAIRequest } from './openai-validate.js';

/** Options of `startFakeOpenAI`. */
export interface FakeOpenAIOptions extends FakeUpstreamOptions {
  /** Unix time in milliseconds for `created`; default `Date.now`. */
  now?: () => number;
  /**
   * Benchmark mode: one fixed, pre-rendered completion (or stream; `drip-<ms>` honoured) for
   * every chat request, with no validation, no recording and no other faults. Default false.
   */
  fast?: boolean;
}

const notParsed =
  "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)";

const missingKey =
  "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY). You can obtain an API key from https://platform.openai.com/account/api-keys.";

const badStreamFrame =
  'data: {"id":"chatcmpl-broken","object":"chat.completion.chunk","choices":[{"delta":\n\n';

function authError(headers: Record<string, string>, apiKey: string): OpenAIErrorBody | undefined {
  const authorization = headers.authorization;
  if (!authorization) return openAIError(missingKey);
  const key = authorization.replace(/^Bearer\s+/i, '');
  if (key === apiKey) return undefined;
  const shown = key.length > 8 ? `${key.slice(0, 3)}*****${key.slice(-4)}` : '*****';
  return openAIError(
    `Incorrect API key provided: ${shown}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    { code: 'invalid_api_key' },
  );
}

/**
 * Starts a fake OpenAI Chat Completions API (`POST /v1/chat/completions`, `GET /v1/models`) on
 * `127.0.0.1`: it checks the `Authorization: Bearer` key (default `sk-test`), validates requests
 * as strictly as the real API, replies deterministically (`echo: <last user text>`, tool calls,
 * `tool said: ...`), streams real `chat.completion.chunk` events, and fails on demand through the
 * fault directives of the model id (`gpt-4o-mini:status-429:retry-after-1`) or `setFault`.
 */
export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeUpstream> {
  if (options.fast) {
    return startFastOpenAI({
      ...(options.apiKey !== undefined && { apiKey: options.apiKey }),
      ...(options.now && { now: options.now }),
    });
  }
  const apiKey = options.apiKey ?? 'sk-test';
  const validate = options.validate ?? true;
  const models = options.models ?? ['gpt-4o-mini', 'gpt-4o'];
  const now = options.now ?? Date.now;
  let sequence = 0;

  async function chat(exchange: Exchange, headers: Record<string, string>): Promise<void> {
    const fail = (status: number, body: OpenAIErrorBody, extra: Record<string, string> = {}) =>
      sendJson(exchange, status, body, { ...headers, ...extra });
    if (!exchange.bodyIsJson) return fail(400, openAIError(notParsed));
    const body = isRecord(exchange.body) ? exchange.body : {};
    const plan = planFaults(body.model, exchange.faultOverride);
    const done = await applyLeadingFaults(exchange, plan, (status, retryAfter) => {
      const extra: Record<string, string> = {};
      if (retryAfter !== undefined) extra['retry-after'] = String(retryAfter);
      if (status === 429) {
        extra['x-ratelimit-limit-requests'] = '3';
        extra['x-ratelimit-remaining-requests'] = '0';
        extra['x-ratelimit-reset-requests'] = `${retryAfter ?? 20}s`;
      }
      fail(status, openAIStatusError(status, plan.model, retryAfter), extra);
    });
    if (done) return;
    const invalid = validate ? validateOpenAIRequest(exchange.body) : undefined;
    if (invalid) return fail(400, invalid);

    const replyOptions = {
      id: `chatcmpl-fake${String(sequence).padStart(6, '0')}`,
      created: Math.floor(now() / 1000),
      model: plan.model,
      n: typeof body.n === 'number' ? body.n : 1,
      reply: decideReply(openAIConversation(body)),
      promptTokens: openAIPromptTokens(body),
    };
    if (body.stream !== true) {
      sendJsonWithFaults(exchange, openAICompletion(replyOptions), headers, plan.faults);
      return;
    }
    const includeUsage = isRecord(body.stream_options) && body.stream_options.include_usage === true;
    const writer = openSse(exchange, plan.faults, headers, badStreamFrame);
    for (const frame of openAIChunks(replyOptions, includeUsage)) {
      const text = frame.data === '[DONE]' ? sseFrame('[DONE]') : sseJson(frame.data);
      if (!(await writer.write(text, frame.kind))) return;
    }
    writer.end();
  }

  return startFakeServer(
    async (exchange) => {
      sequence += 1;
      const headers = {
        'x-request-id': `req_fake${String(sequence).padStart(6, '0')}`,
        'openai-processing-ms': '1',
        'openai-version': '2020-10-01',
      };
      const unauthorized = authError(exchange.headers, apiKey);
      if (unauthorized) return sendJson(exchange, 401, unauthorized, headers);
      if (exchange.method === 'POST' && exchange.path === '/v1/chat/completions')
        return chat(exchange, headers);
      if (exchange.method === 'GET' && exchange.path === '/v1/models') {
        const data = models.map((id) => ({
          id,
          object: 'model',
          created: 1_721_172_741,
          owned_by: 'system',
        }));
        return sendJson(exchange, 200, { object: 'list', data }, headers);
      }
      sendJson(exchange, 404, openAIError(`Invalid URL (${exchange.method} ${exchange.path})`), headers);
    },
    {
      onReset: () => {
        sequence = 0;
      },
    },
  );
}
