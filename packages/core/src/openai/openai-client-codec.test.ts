import { describe, expect, it } from 'vitest';
import type { SseEvent } from '../sse/parse-sse.js';
import { fromOpenAIChatResponse } from './from-openai-chat-response.js';
import { fromOpenAIChatStream } from './from-openai-chat-stream.js';
import { openaiClientCodec } from './openai-client-codec.js';
import {
  chatRequest,
  chunkEvents,
  collect,
  encodeOptions,
  parseFrames,
  readChunks,
  readFixture,
} from './openai-test-utils.js';

interface Accumulated {
  role?: unknown;
  content: string;
  toolCalls: Array<{ id?: unknown; name?: unknown; arguments: string }>;
  finishReason?: unknown;
  usage?: unknown;
}

/** What a client SDK builds from a chunk stream (choice 0 only). */
function accumulate(chunks: readonly unknown[]): Accumulated {
  const result: Accumulated = { content: '', toolCalls: [] };
  for (const chunk of chunks) {
    if (chunk === '[DONE]') continue;
    const { choices, usage } = chunk as { choices: Array<Record<string, unknown>>; usage?: unknown };
    if (usage) result.usage = usage;
    const choice = choices[0];
    if (!choice) continue;
    if (choice.finish_reason) result.finishReason = choice.finish_reason;
    const delta = choice.delta as Record<string, unknown>;
    if (delta.role) result.role = delta.role;
    if (typeof delta.content === 'string') result.content += delta.content;
    for (const call of (delta.tool_calls as Array<Record<string, unknown>> | undefined) ?? []) {
      const index = call.index as number;
      const fn = (call.function ?? {}) as Record<string, unknown>;
      result.toolCalls[index] ??= { arguments: '' };
      const entry = result.toolCalls[index];
      if (call.id) entry.id = call.id;
      if (fn.name) entry.name = fn.name;
      if (typeof fn.arguments === 'string') entry.arguments += fn.arguments;
    }
  }
  return result;
}

function optionsLike(fixture: Record<string, unknown>, includeUsage = false) {
  return encodeOptions(
    {},
    {
      id: fixture.id as string,
      model: fixture.model as string,
      created: fixture.created as number,
      includeUsage,
    },
  );
}

describe('openaiClientCodec round trips', () => {
  it('re-encodes the plain completion fixture as OpenAI sent it', () => {
    const fixture = readFixture('openai-chat-completion.json');
    const body = openaiClientCodec.encodeResult(fromOpenAIChatResponse(fixture, []), optionsLike(fixture));
    expect(body).toStrictEqual({
      id: fixture.id,
      object: 'chat.completion',
      created: fixture.created,
      model: fixture.model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Hello! How can I assist you today?', refusal: null },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: {
        prompt_tokens: 19,
        completion_tokens: 10,
        total_tokens: 29,
        prompt_tokens_details: { cached_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0 },
      },
      system_fingerprint: 'fp_50cad350e4',
    });
  });

  it('re-encodes the tool-call completion fixture with identical tool calls', () => {
    const fixture = readFixture('openai-chat-completion-tool-calls.json');
    const body = openaiClientCodec.encodeResult(fromOpenAIChatResponse(fixture, []), optionsLike(fixture));
    const [original] = fixture.choices as Array<Record<string, Record<string, unknown>>>;
    const [encoded] = body.choices as Array<Record<string, Record<string, unknown>>>;
    expect(encoded?.message?.tool_calls).toStrictEqual(original?.message?.tool_calls);
    expect(encoded?.message?.content).toBeNull();
    expect(encoded?.finish_reason).toBe('tool_calls');
    expect(body.usage).toMatchObject({ prompt_tokens: 82, completion_tokens: 17, total_tokens: 99 });
  });

  for (const name of ['openai-chat-stream.chunks.txt', 'openai-chat-stream-tool-calls.chunks.txt']) {
    it(`re-encodes ${name} into a stream a client reads identically`, async () => {
      const original = readChunks(name);
      const first = original[0] as Record<string, unknown>;
      const frames = await collect(
        openaiClientCodec.encodeStream(fromOpenAIChatStream(chunkEvents(name), []), optionsLike(first, true)),
      );
      const encoded = parseFrames(frames);
      expect(encoded.at(-1)).toBe('[DONE]');
      const { usage: originalUsage, ...originalRest } = accumulate(original);
      const { usage: encodedUsage, ...encodedRest } = accumulate(encoded);
      expect(encodedRest).toStrictEqual(originalRest);
      const { prompt_tokens, completion_tokens, total_tokens } = originalUsage as Record<string, number>;
      expect(encodedUsage).toMatchObject({ prompt_tokens, completion_tokens, total_tokens });
      for (const chunk of encoded.slice(0, -1)) {
        expect(chunk).toMatchObject({ id: first.id, object: 'chat.completion.chunk', model: first.model });
      }
    });
  }

  it('decodes requests and encodes errors in the OpenAI format', () => {
    expect(openaiClientCodec.format).toBe('openai');
    expect(
      openaiClientCodec.decodeRequest({ model: 'm', messages: [{ role: 'user', content: 'Hi' }] }, {}),
    ).toEqual({
      ...chatRequest({ model: 'm' }),
      source: { format: 'openai', extraFields: {}, forwardHeaders: {} },
    });
    expect(() => openaiClientCodec.decodeRequest({ model: 'm' }, {})).toThrow(
      "Missing required parameter: 'messages'.",
    );
  });
});

describe('fixture streams', () => {
  it('are valid SSE event sources', async () => {
    const events: SseEvent[] = await collect(chunkEvents('openai-chat-stream.chunks.txt'));
    expect(events.at(-1)?.data).toBe('[DONE]');
  });
});
