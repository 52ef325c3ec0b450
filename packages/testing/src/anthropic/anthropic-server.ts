import { sseJson } from '@signalbox/core';
import { applyLeadingFaults, planFaults } from '../fake/fault-plan.js';
import { type Exchange, startFakeServer } from '../fake/fake-server.js';
import type { FakeUpstream, FakeUpstreamOptions } from '../fake/fake-upstream.js';
import { sendJson, sendJsonWithFaults } from '../fake/http-send.js';
import { isRecord } from '../fake/json.js';
import { decideReply } from '../fake/reply.js';
import { openSse } from '../fake/sse-writer.js';
import { anthropicInputTokens, PromptCache } from './anthropic-cache.js';
import { anthropicConversation } from './anthropic-conversation.js';
import { type AnthropicErrorBody, anthropicError, anthropicStatusError } from './anthropic-errors.js';
import { anthropicEvents, anthropicMessage } from './anthropic-reply.js';
import { validateAnthropicRequest } from './anthropic-validate.js';

/** Options of `startFakeAnthropic`. */
export interface FakeAnthropicOptions extends FakeUpstreamOptions {
  /** Milliseconds clock for the prompt cache TTLs; default `Date.now`. */
  now?: () => number;
  /** Shortest prefix, in tokens, the prompt cache stores (the real API wants 1024+). Default 0. */
  cacheMinTokens?: number;
}

const badStreamFrame =
  'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":\n\n';

function authError(headers: Record<string, string>, apiKey: string): AnthropicErrorBody | undefined {
  const key = headers['x-api-key'] ?? headers.authorization?.replace(/^Bearer\s+/i, '');
  if (key === undefined) return anthropicError('authentication_error', 'x-api-key header is required');
  return key === apiKey ? undefined : anthropicError('authentication_error', 'invalid x-api-key');
}

/**
 * Starts a fake Anthropic Messages API (`POST /v1/messages`, `POST /v1/messages/count_tokens`,
 * `GET /v1/models`) on `127.0.0.1`: it checks `x-api-key` (or a Bearer key; default
 * `sk-ant-test`) and `anthropic-version`, validates requests as strictly as the real API, replies
 * deterministically, streams the real event sequence, simulates prompt caching in `usage`, and
 * fails on demand through the fault directives of the model id or `setFault`.
 */
export async function startFakeAnthropic(options: FakeAnthropicOptions = {}): Promise<FakeUpstream> {
  const apiKey = options.apiKey ?? 'sk-ant-test';
  const validate = options.validate ?? true;
  const models = options.models ?? ['claude-haiku-4-5', 'claude-sonnet-4-5'];
  const cache = new PromptCache({
    ...(options.now && { now: options.now }),
    ...(options.cacheMinTokens !== undefined && { minTokens: options.cacheMinTokens }),
  });
  let sequence = 0;

  async function messages(exchange: Exchange, headers: Record<string, string>, requestId: string) {
    const fail = (status: number, body: AnthropicErrorBody, extra: Record<string, string> = {}) =>
      sendJson(exchange, status, { ...body, request_id: requestId }, { ...headers, ...extra });
    if (!exchange.bodyIsJson) {
      return fail(
        400,
        anthropicError('invalid_request_error', 'There was an error parsing the body of your request.'),
      );
    }
    const countTokens = exchange.path === '/v1/messages/count_tokens';
    const body = isRecord(exchange.body) ? exchange.body : {};
    const plan = planFaults(body.model, exchange.faultOverride);
    const done = await applyLeadingFaults(exchange, plan, (status, retryAfter) => {
      const extra: Record<string, string> = {};
      if (retryAfter !== undefined) extra['retry-after'] = String(retryAfter);
      if (status === 429) {
        extra['anthropic-ratelimit-requests-limit'] = '50';
        extra['anthropic-ratelimit-requests-remaining'] = '0';
      }
      fail(status, anthropicStatusError(status, plan.model), extra);
    });
    if (done) return;
    const invalid = validate
      ? validateAnthropicRequest(exchange.body, countTokens ? 'count_tokens' : 'messages')
      : undefined;
    if (invalid) return fail(400, invalid);
    if (countTokens) return sendJson(exchange, 200, { input_tokens: anthropicInputTokens(body) }, headers);

    const conversation = anthropicConversation(body);
    const thinking = isRecord(body.thinking) && body.thinking.type === 'enabled';
    const replyOptions = {
      id: `msg_fake${String(sequence).padStart(6, '0')}`,
      model: plan.model,
      reply: decideReply(conversation),
      usage: cache.account(body),
      thinking: thinking ? `The user said "${conversation.lastUserText}".` : undefined,
    };
    if (body.stream !== true) {
      sendJsonWithFaults(exchange, anthropicMessage(replyOptions), headers, plan.faults);
      return;
    }
    const writer = openSse(exchange, plan.faults, headers, badStreamFrame);
    for (const frame of anthropicEvents(replyOptions)) {
      if (!(await writer.write(sseJson(frame.data, frame.event), frame.kind))) return;
    }
    writer.end();
  }

  return startFakeServer(
    async (exchange) => {
      sequence += 1;
      const requestId = `req_fake${String(sequence).padStart(6, '0')}`;
      const headers = { 'request-id': requestId, 'anthropic-organization-id': 'fake-organization' };
      const fail = (status: number, body: AnthropicErrorBody) =>
        sendJson(exchange, status, { ...body, request_id: requestId }, headers);
      const unauthorized = authError(exchange.headers, apiKey);
      if (unauthorized) return fail(401, unauthorized);
      if (exchange.method === 'GET' && exchange.path === '/v1/models') {
        const data = models.map((id) => ({
          type: 'model',
          id,
          display_name: id,
          created_at: '2025-10-01T00:00:00Z',
        }));
        return sendJson(
          exchange,
          200,
          { data, has_more: false, first_id: models[0] ?? null, last_id: models.at(-1) ?? null },
          headers,
        );
      }
      if (!exchange.headers['anthropic-version']) {
        return fail(400, anthropicError('invalid_request_error', 'anthropic-version: header is required'));
      }
      if (
        exchange.method === 'POST' &&
        (exchange.path === '/v1/messages' || exchange.path === '/v1/messages/count_tokens')
      ) {
        return messages(exchange, headers, requestId);
      }
      fail(404, anthropicError('not_found_error', 'Not Found'));
    },
    {
      onReset: () => {
        sequence = 0;
        cache.clear();
      },
    },
  );
}
