import Anthropic from '@anthropic-ai/sdk';
import type { Answer, Ask, Driver } from './matrix-clients.js';
import { TEST_KEY } from './start.js';

function anthropicParams(ask: Ask): Anthropic.MessageCreateParamsNonStreaming {
  const images = (ask.images ?? []).map(
    (image): Anthropic.ImageBlockParam => ({
      type: 'image',
      source:
        image.kind === 'url'
          ? { type: 'url', url: image.url }
          : { type: 'base64', media_type: image.mediaType, data: image.data },
    }),
  );
  const messages: Anthropic.MessageParam[] = [
    { role: 'user', content: images.length === 0 ? ask.text : [{ type: 'text', text: ask.text }, ...images] },
  ];
  if (ask.toolHistory) {
    const { calls, outputs } = ask.toolHistory;
    messages.push({
      role: 'assistant',
      content: calls.map((call) => ({ type: 'tool_use', id: call.id, name: call.name, input: call.input })),
    });
    messages.push({
      role: 'user',
      content: calls.map((call, index) => ({
        type: 'tool_result',
        tool_use_id: call.id,
        content: outputs[index] ?? '',
      })),
    });
  }
  return {
    model: ask.model,
    max_tokens: ask.maxTokens ?? 256,
    messages,
    ...(ask.system !== undefined && {
      system: ask.cacheSystem
        ? [{ type: 'text' as const, text: ask.system, cache_control: { type: 'ephemeral' as const } }]
        : ask.system,
    }),
    ...(ask.tools && {
      tools: ask.tools.map((tool) => ({
        name: tool.name,
        description: tool.description,
        input_schema: { type: 'object' as const, ...tool.schema },
      })),
    }),
    ...(ask.stop && { stop_sequences: ask.stop }),
  };
}

function anthropicAnswer(message: Anthropic.Message, frames: number): Answer {
  return {
    text: message.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join(''),
    toolCalls: message.content.flatMap((block) =>
      block.type === 'tool_use' ? [{ id: block.id, name: block.name, input: block.input }] : [],
    ),
    finish: message.stop_reason,
    stopSequence: message.stop_sequence,
    usage: message.usage as unknown as Record<string, unknown>,
    frames,
  };
}

/** The Anthropic SDK as a matrix client with one of its two credentials, against a gateway at `baseURL`. */
export function createAnthropicDriver(baseURL: string, credential: 'authToken' | 'apiKey'): Driver {
  const client = new Anthropic({
    ...(credential === 'apiKey' ? { apiKey: TEST_KEY } : { authToken: TEST_KEY }),
    baseURL,
    maxRetries: 0,
  });
  return {
    kind: credential === 'apiKey' ? 'anthropic-apiKey' : 'anthropic-authToken',
    format: 'anthropic',
    async ask(ask, mode, signal) {
      if (mode === 'plain')
        return anthropicAnswer(await client.messages.create(anthropicParams(ask), { signal }), 0);
      const stream = client.messages.stream(anthropicParams(ask), { signal });
      let frames = 0;
      stream.on('streamEvent', () => {
        frames += 1;
      });
      const message = await stream.finalMessage();
      return anthropicAnswer(message, frames);
    },
    async streamFrames(ask, onFrame, signal) {
      let frames = 0;
      const stream = client.messages.stream(anthropicParams(ask), { signal });
      stream.on('streamEvent', () => {
        frames += 1;
        onFrame(frames);
      });
      await stream.done().catch((error: unknown) => {
        if (!(error instanceof Anthropic.APIUserAbortError)) throw error;
      });
      return frames;
    },
  };
}
