import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A replaying upstream that answers every request with two parallel tool calls (the fakes of
 * `@signalbox/testing` make one), in the OpenAI format on `/v1/chat/completions` and in the
 * Anthropic format on `/v1/messages`, plain or streamed. The payloads follow the providers'
 * documented shapes: OpenAI streams each call's arguments by `index`, Anthropic streams a text
 * block then one `tool_use` block per call.
 */
export interface ParallelUpstream {
  /** `http://127.0.0.1:<port>` (the Anthropic base URL; OpenAI's is this + `/v1`). */
  url: string;
  close(): Promise<void>;
}

/** What the replayed answers contain, to compare with what a client got. */
export const PARALLEL_CALLS = {
  openai: [
    { id: 'call_paris', name: 'get_weather', input: { city: 'Paris' } },
    { id: 'call_rome', name: 'get_weather', input: { city: 'Rome' } },
  ],
  anthropic: [
    { id: 'toolu_01paris', name: 'get_weather', input: { city: 'Paris' } },
    { id: 'toolu_02rome', name: 'get_weather', input: { city: 'Rome' } },
  ],
} as const;

/** The text Anthropic's answer has before its tool calls. */
export const PARALLEL_PREAMBLE = 'Checking both cities.';

function openAIBody(stream: boolean): string {
  const [paris, rome] = PARALLEL_CALLS.openai;
  const base = {
    id: 'chatcmpl-parallel',
    object: 'chat.completion.chunk',
    created: 1_760_000_000,
    model: 'gpt-4o-mini',
  };
  if (!stream) {
    return JSON.stringify({
      ...base,
      object: 'chat.completion',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: null,
            tool_calls: PARALLEL_CALLS.openai.map((call) => ({
              id: call.id,
              type: 'function',
              function: { name: call.name, arguments: JSON.stringify(call.input) },
            })),
          },
          logprobs: null,
          finish_reason: 'tool_calls',
        },
      ],
      usage: { prompt_tokens: 20, completion_tokens: 12, total_tokens: 32 },
    });
  }
  const chunk = (delta: unknown, finish: string | null = null) => ({
    ...base,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  });
  const start = (index: number, call: { id: string; name: string }) => ({
    tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }],
  });
  const args = (index: number, text: string) => ({ tool_calls: [{ index, function: { arguments: text } }] });
  const chunks = [
    chunk({ role: 'assistant', content: null, ...start(0, paris) }),
    chunk(args(0, '{"city": ')),
    chunk(start(1, rome)),
    chunk(args(1, '{"city": "Rome"}')),
    chunk(args(0, '"Paris"}')), // providers may interleave the calls' arguments
    chunk({}, 'tool_calls'),
    { ...base, choices: [], usage: { prompt_tokens: 20, completion_tokens: 12, total_tokens: 32 } },
  ];
  return `${chunks.map((value) => `data: ${JSON.stringify(value)}\n\n`).join('')}data: [DONE]\n\n`;
}

function anthropicBody(stream: boolean): string {
  const usage = { input_tokens: 20, output_tokens: 12 };
  const message = { id: 'msg_parallel', type: 'message', role: 'assistant', model: 'claude-haiku-4-5' };
  if (!stream) {
    return JSON.stringify({
      ...message,
      content: [
        { type: 'text', text: PARALLEL_PREAMBLE },
        ...PARALLEL_CALLS.anthropic.map((call) => ({ type: 'tool_use', ...call })),
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage,
    });
  }
  const event = (type: string, data: Record<string, unknown>) =>
    `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
  const events = [
    event('message_start', {
      message: {
        ...message,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { ...usage, output_tokens: 1 },
      },
    }),
    event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
    event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: PARALLEL_PREAMBLE } }),
    event('content_block_stop', { index: 0 }),
  ];
  PARALLEL_CALLS.anthropic.forEach((call, position) => {
    const index = position + 1;
    const json = JSON.stringify(call.input);
    events.push(
      event('content_block_start', {
        index,
        content_block: { type: 'tool_use', id: call.id, name: call.name, input: {} },
      }),
      event('content_block_delta', {
        index,
        delta: { type: 'input_json_delta', partial_json: json.slice(0, 5) },
      }),
      event('content_block_delta', {
        index,
        delta: { type: 'input_json_delta', partial_json: json.slice(5) },
      }),
      event('content_block_stop', { index }),
    );
  });
  events.push(
    event('message_delta', {
      delta: { stop_reason: 'tool_use', stop_sequence: null },
      usage: { output_tokens: 12 },
    }),
    event('message_stop', {}),
  );
  return events.join('');
}

/** Starts the replaying upstream on `127.0.0.1`, port 0. */
export async function startParallelUpstream(): Promise<ParallelUpstream> {
  const server = createServer(async (request, response) => {
    let text = '';
    for await (const chunk of request) text += String(chunk);
    const stream = (JSON.parse(text) as { stream?: boolean }).stream === true;
    const body = request.url?.startsWith('/v1/chat/completions') ? openAIBody(stream) : anthropicBody(stream);
    response.writeHead(200, { 'content-type': stream ? 'text/event-stream' : 'application/json' });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
