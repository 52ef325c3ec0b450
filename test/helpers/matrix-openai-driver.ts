import OpenAI from 'openai';
import type { Answer, Ask, Driver } from './matrix-clients.js';
import { TEST_KEY } from './start.js';

/** Tool-call arguments as JSON (`''` is `{}`). */
function parseArguments(text: string): unknown {
  return text === '' ? {} : JSON.parse(text);
}

function openAIMessages(ask: Ask): OpenAI.ChatCompletionMessageParam[] {
  const messages: OpenAI.ChatCompletionMessageParam[] = [];
  if (ask.system !== undefined) {
    const marker = { cache_control: { type: 'ephemeral' } };
    messages.push({
      role: 'system',
      content: ask.cacheSystem ? [{ type: 'text', text: ask.system, ...marker }] : ask.system,
    });
  }
  const images = (ask.images ?? []).map(
    (image): OpenAI.ChatCompletionContentPartImage => ({
      type: 'image_url',
      image_url: { url: image.kind === 'url' ? image.url : `data:${image.mediaType};base64,${image.data}` },
    }),
  );
  messages.push({
    role: 'user',
    content: images.length === 0 ? ask.text : [{ type: 'text', text: ask.text }, ...images],
  });
  if (ask.toolHistory) {
    messages.push({
      role: 'assistant',
      content: null,
      tool_calls: ask.toolHistory.calls.map((call) => ({
        id: call.id,
        type: 'function' as const,
        function: { name: call.name, arguments: JSON.stringify(call.input) },
      })),
    });
    ask.toolHistory.calls.forEach((call, index) => {
      messages.push({ role: 'tool', tool_call_id: call.id, content: ask.toolHistory?.outputs[index] ?? '' });
    });
  }
  return messages;
}

function openAIParams(ask: Ask): OpenAI.ChatCompletionCreateParamsNonStreaming {
  return {
    model: ask.model,
    messages: openAIMessages(ask),
    ...(ask.tools && {
      tools: ask.tools.map((tool) => ({
        type: 'function' as const,
        function: { name: tool.name, description: tool.description, parameters: tool.schema },
      })),
    }),
    ...(ask.maxTokens !== undefined && { max_tokens: ask.maxTokens }),
    ...(ask.stop && { stop: ask.stop }),
  };
}

function openAIAnswer(completion: OpenAI.ChatCompletion): Answer {
  const choice = completion.choices[0];
  return {
    text: choice?.message.content ?? '',
    toolCalls: (choice?.message.tool_calls ?? []).flatMap((call) =>
      call.type === 'function'
        ? [{ id: call.id, name: call.function.name, input: parseArguments(call.function.arguments) }]
        : [],
    ),
    finish: choice?.finish_reason,
    usage: completion.usage as unknown as Record<string, unknown> | undefined,
    frames: 0,
  };
}

/** The OpenAI SDK as a matrix client, against a gateway at `baseURL` (no `/v1`). */
export function createOpenAIDriver(baseURL: string): Driver {
  const client = new OpenAI({ apiKey: TEST_KEY, baseURL: `${baseURL}/v1`, maxRetries: 0 });
  return {
    kind: 'openai',
    format: 'openai',
    async ask(ask, mode, signal) {
      if (mode === 'plain')
        return openAIAnswer(await client.chat.completions.create(openAIParams(ask), { signal }));
      const stream = await client.chat.completions.create(
        { ...openAIParams(ask), stream: true, stream_options: { include_usage: true } },
        { signal },
      );
      let text = '';
      let finish: string | null | undefined;
      let usage: Record<string, unknown> | undefined;
      let frames = 0;
      const calls = new Map<number, { id: string; name: string; arguments: string }>();
      for await (const chunk of stream) {
        frames += 1;
        if (chunk.usage) usage = chunk.usage as unknown as Record<string, unknown>;
        const choice = chunk.choices[0];
        if (!choice) continue;
        text += choice.delta.content ?? '';
        for (const delta of choice.delta.tool_calls ?? []) {
          const call = calls.get(delta.index) ?? { id: '', name: '', arguments: '' };
          call.id ||= delta.id ?? '';
          call.name ||= delta.function?.name ?? '';
          call.arguments += delta.function?.arguments ?? '';
          calls.set(delta.index, call);
        }
        if (choice.finish_reason) finish = choice.finish_reason;
      }
      const toolCalls = [...calls.values()].map((call) => ({
        id: call.id,
        name: call.name,
        input: parseArguments(call.arguments),
      }));
      return { text, toolCalls, finish, usage, frames };
    },
    async streamFrames(ask, onFrame, signal) {
      let frames = 0;
      const stream = await client.chat.completions.create({ ...openAIParams(ask), stream: true }, { signal });
      try {
        for await (const _chunk of stream) {
          frames += 1;
          onFrame(frames);
        }
      } catch (error) {
        if (!(error instanceof OpenAI.APIUserAbortError)) throw error;
      }
      return frames;
    },
  };
}
