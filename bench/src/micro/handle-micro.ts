/**
 * `pnpm bench:micro`: the gateway's own cost, in process, with no network: `gateway.handle()` of
 * the minimal stack (a stub provider that answers at once) and of the full example gateway (the
 * mock provider), and the stages of the OpenAI path one by one. CPU microseconds per call, so
 * that a change to core can be judged without the noise of a loaded machine.
 *
 * @module
 */
import {
  createGateway,
  decodeAnthropicMessagesRequest,
  decodeOpenAIChatRequest,
  encodeAnthropicMessage,
  encodeOpenAIChatResponse,
  fromAnthropicMessage,
  fromOpenAIChatResponse,
  toAnthropicMessagesRequest,
  type GatewayHttpRequest,
  type GenerateResult,
  type ProviderAdapter,
  readJsonBody,
  toOpenAIChatRequest,
} from '@signalbox/core';
import { createExampleGateway, readConfig } from '@signalbox/example-gateway';
import { createOpenAI } from '@signalbox/provider-openai';
import { startFakeOpenAI } from '@signalbox/testing/upstreams';
import { BENCH_GATEWAY_KEY, chatBody, chatHeaders } from '../requests.js';
import { measureOperation, type OperationCost } from './measure-cpu.js';
import { runStackLadder } from './stack-ladder.js';
import { anthropicUpstreamText, typicalAnthropicBody, typicalOpenAIBody } from './typical-request.js';

const quick = process.argv.includes('--quick');
const settings = { runs: quick ? 2_000 : 20_000, warmup: quick ? 500 : 5_000 };

const upstreamJson = {
  id: 'chatcmpl-fast000001',
  object: 'chat.completion',
  created: 1_700_000_000,
  model: 'gpt-4o-mini',
  choices: [
    {
      index: 0,
      message: {
        role: 'assistant',
        content: 'Hello from the fast fake upstream.',
        refusal: null,
        annotations: [],
      },
      logprobs: null,
      finish_reason: 'stop',
    },
  ],
  usage: {
    prompt_tokens: 8,
    completion_tokens: 6,
    total_tokens: 14,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  },
  service_tier: 'default',
  system_fingerprint: 'fp_fake0001',
};
const upstreamText = JSON.stringify(upstreamJson);

/** A provider that answers at once: what the gateway does around a call, without the call. */
const stub: ProviderAdapter = {
  specificationVersion: 'v1',
  name: 'openai',
  format: 'openai',
  async generate(call): Promise<GenerateResult> {
    // The adapter's own work on the way out and back, minus the socket.
    JSON.stringify(toOpenAIChatRequest(call, { stream: false }).body);
    return fromOpenAIChatResponse(JSON.parse(upstreamText), []);
  },
  async stream() {
    throw new Error('not used');
  },
};

const body = Buffer.from(chatBody());
function httpRequest(model?: string): GatewayHttpRequest {
  return {
    method: 'POST',
    path: '/chat/completions',
    query: new URLSearchParams(),
    headers: chatHeaders(),
    body: model ? Buffer.from(chatBody({ model })) : body,
    signal: new AbortController().signal,
  };
}

async function handleOnce(gateway: ReturnType<typeof createGateway>, model?: string): Promise<void> {
  const response = await gateway.handle(httpRequest(model));
  if (response.status !== 200) throw new Error(`status ${response.status}: ${JSON.stringify(response.body)}`);
  JSON.stringify(response.body.type === 'json' ? response.body.value : '');
}

const minimal = createGateway({ providers: [stub] });
const upstream = await startFakeOpenAI({ fast: true });
const adapter = createOpenAI({ apiKey: 'sk-test', baseURL: `${upstream.url}/v1` });
const overLoopback = createGateway({ providers: [adapter] });
const full = createExampleGateway(
  readConfig({
    SIGNALBOX_API_KEYS: BENCH_GATEWAY_KEY,
    SIGNALBOX_RATE_LIMIT_RPM: '1000000000',
    SIGNALBOX_RATE_LIMIT_TPM: '1000000000000',
  }),
).gateway;
const decoded = decodeOpenAIChatRequest(readJsonBody(body, 'application/json'));
const call = { modelId: 'gpt-4o-mini', request: decoded, signal: new AbortController().signal };
const result = fromOpenAIChatResponse(JSON.parse(upstreamText), []);
const encodeOptions = {
  id: 'chatcmpl-x',
  model: 'openai/gpt-4o-mini',
  created: 1_700_000_000,
  request: decoded,
  includeUsage: false,
  extend: () => ({}),
};

const costs: OperationCost[] = [];
if (process.argv.includes('--ladder')) {
  // Only the middleware ladder: the quickest loop while working on one middleware.
  await runStackLadder(stub, () => httpRequest(), settings);
  process.exit(0);
}
const run = async (name: string, operation: () => unknown) => {
  const cost = await measureOperation(name, operation, settings);
  costs.push(cost);
  console.log(`  ${cost.cpuMicros.toFixed(2).padStart(9)} us CPU  ${name}`);
};

console.log(`CPU microseconds per call (${settings.runs} runs after ${settings.warmup}):`);
await run('readJsonBody + decodeOpenAIChatRequest (client request, zod)', () =>
  decodeOpenAIChatRequest(readJsonBody(body, 'application/json')),
);
await run('toOpenAIChatRequest + JSON.stringify (upstream request)', () =>
  JSON.stringify(toOpenAIChatRequest(call, { stream: false }).body),
);
await run('JSON.parse + fromOpenAIChatResponse (upstream response, zod)', () =>
  fromOpenAIChatResponse(JSON.parse(upstreamText), []),
);
await run('encodeOpenAIChatResponse + JSON.stringify (client response)', () =>
  JSON.stringify(encodeOpenAIChatResponse(result, encodeOptions)),
);
// Translation across formats for a typical ~1.4 KB request (system prompt, a few turns, one tool),
// the whole way: client JSON -> canonical -> provider JSON, provider JSON -> canonical -> client JSON.
const signal = new AbortController().signal;
await run(
  `${typicalOpenAIBody.length} B OpenAI client -> Anthropic provider -> OpenAI client (decode, translate, parse, encode)`,
  () => {
    const request = decodeOpenAIChatRequest(readJsonBody(typicalOpenAIBody, 'application/json'));
    JSON.stringify(toAnthropicMessagesRequest({ modelId: 'claude-haiku-4-5', request, signal }).body);
    const answer = fromAnthropicMessage(JSON.parse(anthropicUpstreamText), []);
    return JSON.stringify(encodeOpenAIChatResponse(answer, { ...encodeOptions, request }));
  },
);
await run(
  `${typicalAnthropicBody.length} B Anthropic client -> OpenAI provider -> Anthropic client (decode, translate, parse, encode)`,
  () => {
    const request = decodeAnthropicMessagesRequest(readJsonBody(typicalAnthropicBody, 'application/json'));
    JSON.stringify(toOpenAIChatRequest({ modelId: 'gpt-4o-mini', request, signal }, { stream: false }).body);
    const answer = fromOpenAIChatResponse(JSON.parse(upstreamText), []);
    return JSON.stringify(encodeAnthropicMessage(answer, { ...encodeOptions, id: 'msg_x', request }));
  },
);
await run('gateway.handle, minimal stack (stub provider)', () => handleOnce(minimal));
await run(
  'gateway.handle, minimal stack, OpenAI adapter over loopback (+ the fake upstream in this process)',
  () => handleOnce(overLoopback),
);
await run('gateway.handle, full example stack (mock provider)', () => handleOnce(full, 'mock/echo'));
costs.push(...(await runStackLadder(stub, () => httpRequest(), settings)));
await full.close();
await minimal.close();
await overLoopback.close();
await adapter.close();
await upstream.close();
