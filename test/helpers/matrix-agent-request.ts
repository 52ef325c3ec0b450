import Anthropic from '@anthropic-ai/sdk';
import type { FakeUpstream } from '@signalbox/testing';
import OpenAI from 'openai';
import { expect } from 'vitest';
import { TEST_KEY } from './start.js';

/**
 * A large agent-style request, as coding agents send them: 30 tools with deep JSON schemas,
 * several system blocks with `cache_control`, thinking, an earlier tool turn, ~120 KB of JSON.
 * The same conversation in both client formats.
 */

export const AGENT_TOOL_COUNT = 30;
export const AGENT_FINAL_TEXT = 'Summarize what you found in the repository';
const THINKING_SIGNATURE = 'ZmFrZS10aGlua2luZy1zaWduYXR1cmU=';

function words(seed: number, count: number): string {
  const vocabulary = ['path', 'buffer', 'encoding', 'glob', 'offset', 'limit', 'pattern', 'branch', 'commit'];
  return Array.from({ length: count }, (_, index) => vocabulary[(seed + index * 7) % vocabulary.length]).join(
    ' ',
  );
}

/** A JSON Schema `depth` levels deep: objects in arrays in objects, enums, anyOf, patterns, $defs refs. */
function nestedSchema(depth: number, seed: number): Record<string, unknown> {
  const properties: Record<string, unknown> = {
    id: { type: 'string', pattern: '^[a-z][a-z0-9_-]{0,63}$', description: words(seed, 3) },
    mode: { type: 'string', enum: ['read', 'write', 'append', 'dry-run'], description: words(seed + 1, 2) },
    limit: { type: 'integer', minimum: 1, maximum: 10_000, default: 100, description: words(seed + 2, 2) },
    target: {
      anyOf: [{ type: 'string', format: 'uri' }, { $ref: '#/$defs/location' }],
      description: words(seed + 3, 3),
    },
  };
  if (depth > 0) {
    properties.options = { ...nestedSchema(depth - 1, seed + 5), description: words(seed + 4, 4) };
    properties.steps = {
      type: 'array',
      minItems: 1,
      items: nestedSchema(depth - 1, seed + 9),
      description: words(seed + 6, 2),
    };
  }
  return {
    type: 'object',
    properties,
    required: ['id', 'mode'],
    additionalProperties: false,
  };
}

/** The agent's tools in a neutral shape: name, description, input schema (with `$defs`). */
export function agentTools(): Array<{ name: string; description: string; schema: Record<string, unknown> }> {
  return Array.from({ length: AGENT_TOOL_COUNT }, (_, index) => ({
    name: `tool_${String(index).padStart(2, '0')}_${['read', 'edit', 'search', 'run', 'plan'][index % 5]}`,
    description: `${words(index, 60)}.`,
    schema: {
      ...nestedSchema(2, index),
      $defs: {
        location: {
          type: 'object',
          properties: { file: { type: 'string' }, line: { type: 'integer', minimum: 1 } },
          required: ['file'],
        },
      },
    },
  }));
}

const systemTexts = [
  `You are a coding agent. ${words(1, 150)}`,
  `Repository conventions: ${words(2, 150)}`,
  `Environment: ${words(3, 100)}`,
];

const toolCall = { id: 'toolu_01agentread', name: 'tool_00_read', input: { id: 'readme', mode: 'read' } };
const toolOutput = `# README\n${words(4, 300)}`;

/** The request in the Anthropic format: system blocks with cache_control, thinking, a signed tool turn. */
export function anthropicAgentRequest(model: string): Anthropic.MessageCreateParamsNonStreaming {
  const tools = agentTools().map((tool, index) => ({
    name: tool.name,
    description: tool.description,
    input_schema: tool.schema as Anthropic.Tool.InputSchema,
    ...(index === AGENT_TOOL_COUNT - 1 && { cache_control: { type: 'ephemeral' as const } }),
  }));
  return {
    model,
    max_tokens: 8192,
    thinking: { type: 'enabled', budget_tokens: 2048 },
    system: systemTexts.map((text, index) => ({
      type: 'text' as const,
      text,
      ...(index < 2 && { cache_control: { type: 'ephemeral' as const } }),
    })),
    tools,
    messages: [
      { role: 'user', content: 'Read the README first.' },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'I should read the README.', signature: THINKING_SIGNATURE },
          { type: 'tool_use', ...toolCall },
        ],
      },
      {
        role: 'user',
        content: [{ type: 'tool_result', tool_use_id: toolCall.id, content: toolOutput }],
      },
      { role: 'assistant', content: 'The README describes the layout.' },
      {
        role: 'user',
        content: [{ type: 'text', text: AGENT_FINAL_TEXT, cache_control: { type: 'ephemeral' } }],
      },
    ],
  };
}

/** The same conversation in the OpenAI format: system messages, function tools, reasoning_effort. */
export function openAIAgentRequest(model: string): OpenAI.ChatCompletionCreateParamsNonStreaming {
  return {
    model,
    max_completion_tokens: 8192,
    reasoning_effort: 'medium',
    tools: agentTools().map((tool) => ({
      type: 'function' as const,
      function: { name: tool.name, description: tool.description, parameters: tool.schema },
    })),
    messages: [
      ...systemTexts.map((content) => ({ role: 'system' as const, content })),
      { role: 'user', content: 'Read the README first.' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: toolCall.id,
            type: 'function',
            function: { name: toolCall.name, arguments: JSON.stringify(toolCall.input) },
          },
        ],
      },
      { role: 'tool', tool_call_id: toolCall.id, content: toolOutput },
      { role: 'assistant', content: 'The README describes the layout.' },
      { role: 'user', content: AGENT_FINAL_TEXT },
    ],
  };
}

/** One large agent request through the gateway, and what must hold of it. */
export interface AgentRequestCheck {
  client: 'openai' | 'anthropic';
  /** The gateway, `http://host:port`. */
  gatewayURL: string;
  model: string;
  target: 'openai' | 'anthropic';
  mode: 'plain' | 'stream';
  /** The fake upstream of the target. */
  upstream: FakeUpstream;
}

async function sendAgentRequest(check: AgentRequestCheck) {
  const { client, gatewayURL, model, mode } = check;
  if (client === 'openai') {
    const openai = new OpenAI({ apiKey: TEST_KEY, baseURL: `${gatewayURL}/v1`, maxRetries: 0 });
    const request = openAIAgentRequest(model);
    const final =
      mode === 'stream'
        ? await openai.chat.completions
            .stream({ ...request, stream: true, stream_options: { include_usage: true } })
            .finalChatCompletion()
        : await openai.chat.completions.create(request);
    const message = final.choices[0]?.message as
      | (OpenAI.ChatCompletionMessage & { reasoning?: string })
      | undefined;
    return {
      text: message?.content,
      reasoning: message?.reasoning,
      usage: final.usage as unknown,
      content: [],
    };
  }
  const anthropic = new Anthropic({ apiKey: TEST_KEY, baseURL: gatewayURL, maxRetries: 0 });
  const request = anthropicAgentRequest(model);
  const message =
    mode === 'stream'
      ? await anthropic.messages.stream(request).finalMessage()
      : await anthropic.messages.create(request);
  const text = message.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('');
  return { text, reasoning: undefined, usage: message.usage as unknown, content: message.content };
}

/**
 * Sends the agent request and checks it went through whole: ~140 KB sent, the answer, all 30 tools
 * upstream with their deep schemas intact, the system blocks, thinking (or its OpenAI effort), and
 * for Anthropic to Anthropic the `cache_control` breakpoints read back by a second request.
 */
export async function checkAgentRequest(check: AgentRequestCheck): Promise<void> {
  const { client, model, target, upstream } = check;
  const request = client === 'openai' ? openAIAgentRequest(model) : anthropicAgentRequest(model);
  expect(JSON.stringify(request).length).toBeGreaterThan(100_000);
  const first = await sendAgentRequest(check);
  expect(first.text).toBe(`echo: ${AGENT_FINAL_TEXT}`);
  const body = upstream.requests.at(-1)?.body as Record<string, unknown>;
  const tools = body.tools as Array<Record<string, unknown>>;
  expect(tools).toHaveLength(AGENT_TOOL_COUNT);
  const original = agentTools()[AGENT_TOOL_COUNT - 1];
  const last = tools.at(-1);
  if (target === 'openai') {
    expect(last?.function).toMatchObject({ name: original?.name, parameters: original?.schema });
    expect(body.reasoning_effort).toBeTypeOf('string');
    const systems = (body.messages as Array<{ role: string }>).filter((message) => message.role === 'system');
    expect(systems).not.toHaveLength(0);
    return;
  }
  expect(last).toMatchObject({ name: original?.name, input_schema: original?.schema });
  expect(body.thinking).toMatchObject({ type: 'enabled' });
  expect(body.system).toHaveLength(3);
  if (client === 'openai') {
    // Claude's thinking comes back as the message's `reasoning`.
    if (check.mode === 'plain') expect(first.reasoning).toMatch(/\S/);
    return;
  }
  expect(body.system).toEqual(anthropicAgentRequest(model).system);
  expect(first.content[0]).toMatchObject({ type: 'thinking', signature: expect.any(String) });
  // The cache_control breakpoints work: the same prefix is read back the second time.
  const second = await sendAgentRequest(check);
  const usage = second.usage as { cache_read_input_tokens: number };
  expect(usage.cache_read_input_tokens).toBeGreaterThan(0);
}
