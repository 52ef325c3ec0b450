import {
  type Conversation,
  countWords,
  decideReply,
  estimateTokens,
  type Reply,
  splitWords,
  type ToolMode,
} from '@signalbox/testing/upstreams';

type WireObject = Record<string, unknown>;

function isObject(value: unknown): value is WireObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(value: unknown): WireObject[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

/** What the fake model reads from a (validated) Converse request. */
export function bedrockConversation(body: WireObject): Conversation {
  const messages = list(body.messages);
  const last = messages.at(-1);
  const blocks = list(last?.content);
  const results = blocks.filter((block) => isObject(block.toolResult));
  const toolConfig = isObject(body.toolConfig) ? body.toolConfig : {};
  const choice = isObject(toolConfig.toolChoice) ? toolConfig.toolChoice : undefined;
  let toolMode: ToolMode = 'auto';
  if (choice && 'any' in choice) toolMode = 'required';
  else if (choice && isObject(choice.tool)) toolMode = { name: String(choice.tool.name) };
  const inference = isObject(body.inferenceConfig) ? body.inferenceConfig : {};
  return {
    lastUserText: blocks.flatMap((block) => (typeof block.text === 'string' ? [block.text] : [])).join(' '),
    imageCount: blocks.filter((block) => 'image' in block).length,
    toolResults:
      results.length === 0
        ? undefined
        : results.map((block) =>
            list((block.toolResult as WireObject).content)
              .map((item) => (typeof item.text === 'string' ? item.text : JSON.stringify(item.json ?? '')))
              .join(' '),
          ),
    tools: list(toolConfig.tools).flatMap((tool) => {
      const spec = isObject(tool.toolSpec) ? tool.toolSpec : undefined;
      const schema = spec && isObject(spec.inputSchema) ? spec.inputSchema.json : undefined;
      return spec ? [{ name: String(spec.name), inputSchema: schema }] : [];
    }),
    toolMode,
    stopSequences: Array.isArray(inference.stopSequences) ? inference.stopSequences.map(String) : [],
    maxTokens: typeof inference.maxTokens === 'number' ? inference.maxTokens : undefined,
  };
}

/** The text of a request before its last cache point (what Bedrock would cache), or undefined. */
export function cachedPrefix(body: WireObject): string | undefined {
  const parts: string[] = [];
  let prefix: string | undefined;
  const visit = (blocks: WireObject[]) => {
    for (const block of blocks) {
      if ('cachePoint' in block) prefix = parts.join('\n');
      else parts.push(JSON.stringify(block));
    }
  };
  visit(list(isObject(body.toolConfig) ? body.toolConfig.tools : undefined));
  visit(list(body.system));
  for (const message of list(body.messages)) visit(list(message.content));
  return prefix;
}

/** The whole prompt as text, for the token estimate. */
function promptText(body: WireObject): string {
  const texts: string[] = [];
  for (const block of list(body.system)) if (typeof block.text === 'string') texts.push(block.text);
  for (const message of list(body.messages))
    for (const block of list(message.content))
      texts.push(typeof block.text === 'string' ? block.text : JSON.stringify(block));
  return texts.join('\n');
}

/** What the fake model answers: its reply, reasoning, stop reason and usage. */
export interface FakeBedrockAnswer {
  reply: Reply;
  /** Reasoning text when the request enabled Anthropic `thinking`. */
  reasoning: string | undefined;
  /** A text that ends with a guardrail intervention (`trigger-guardrail` in the user text). */
  guardrail: boolean;
  toolUseId: string;
  stopReason: string;
  usage: {
    inputTokens: number;
    outputTokens: number;
    totalTokens: number;
    cacheReadInputTokens?: number;
    cacheWriteInputTokens?: number;
  };
}

const guardrailText = 'Sorry, the model cannot answer this question.';

/**
 * Decides the fake model's answer to a Converse request: the shared fake model
 * (`echo: <text>`, tool calls, `tool said: ...`), Anthropic `thinking` as a signed reasoning
 * block, a guardrail intervention when the user text says `trigger-guardrail`, and usage with
 * cache writes the first time a cached prefix is seen and cache reads after.
 */
export function answerConverse(
  body: WireObject,
  sequence: number,
  seenPrefixes: Set<string>,
): FakeBedrockAnswer {
  const conversation = bedrockConversation(body);
  const guardrail = conversation.lastUserText.includes('trigger-guardrail');
  const reply: Reply = guardrail
    ? { type: 'text', text: guardrailText, finish: 'stop' }
    : decideReply(conversation);
  const extra = isObject(body.additionalModelRequestFields) ? body.additionalModelRequestFields : {};
  const thinking = isObject(extra.thinking) && extra.thinking.type === 'enabled';
  const reasoning = thinking
    ? `The user wrote: ${conversation.lastUserText || 'nothing'}. I answer plainly.`
    : undefined;
  const stopReason = guardrail
    ? 'guardrail_intervened'
    : reply.type === 'tool-call'
      ? 'tool_use'
      : reply.finish === 'length'
        ? 'max_tokens'
        : reply.finish === 'stop-sequence'
          ? 'stop_sequence'
          : 'end_turn';
  const prompt = estimateTokens(promptText(body));
  const prefix = cachedPrefix(body);
  const cached = prefix === undefined ? 0 : Math.min(prompt, estimateTokens(prefix));
  const hit = prefix !== undefined && seenPrefixes.has(prefix);
  if (prefix !== undefined) seenPrefixes.add(prefix);
  const output =
    (reply.type === 'text' ? countWords(reply.text) : estimateTokens(JSON.stringify(reply.input)) + 5) +
    (reasoning ? countWords(reasoning) : 0);
  const input = prompt - cached;
  return {
    reply,
    reasoning,
    guardrail,
    toolUseId: `tooluse_fake${String(sequence).padStart(14, '0')}`,
    stopReason,
    usage: {
      inputTokens: input,
      outputTokens: output,
      totalTokens: input + output + cached,
      ...(prefix !== undefined && {
        cacheReadInputTokens: hit ? cached : 0,
        cacheWriteInputTokens: hit ? 0 : cached,
      }),
    },
  };
}

/** The `content` of the Converse answer. */
function contentOf(answer: FakeBedrockAnswer): WireObject[] {
  const content: WireObject[] = [];
  if (answer.reasoning !== undefined)
    content.push({
      reasoningContent: {
        reasoningText: { text: answer.reasoning, signature: 'fake-signature-EqQBCgIYAhIM' },
      },
    });
  if (answer.reply.type === 'text') content.push({ text: answer.reply.text });
  else
    content.push({
      toolUse: { toolUseId: answer.toolUseId, name: answer.reply.toolName, input: answer.reply.input },
    });
  return content;
}

/** The body of `POST /model/{modelId}/converse` for an answer. */
export function converseResponse(answer: FakeBedrockAnswer): WireObject {
  return {
    output: { message: { role: 'assistant', content: contentOf(answer) } },
    stopReason: answer.stopReason,
    usage: answer.usage,
    metrics: { latencyMs: 12 },
    ...(answer.reply.type === 'text' &&
      answer.reply.finish === 'stop-sequence' && {
        additionalModelResponseFields: { delta: { stop_sequence: answer.reply.stopSequence } },
      }),
  };
}

/** One event of a ConverseStream: `meta` (no output), `content` (output) or `final` (the end). */
export interface FakeBedrockEvent {
  eventType: string;
  payload: WireObject;
  kind: 'meta' | 'content' | 'final';
}

/** The events of `POST /model/{modelId}/converse-stream` for an answer, as Bedrock orders them. */
export function converseStreamEvents(answer: FakeBedrockAnswer): FakeBedrockEvent[] {
  const events: FakeBedrockEvent[] = [
    { eventType: 'messageStart', payload: { role: 'assistant' }, kind: 'meta' },
  ];
  let index = 0;
  if (answer.reasoning !== undefined) {
    for (const word of splitWords(answer.reasoning))
      events.push({
        eventType: 'contentBlockDelta',
        payload: { contentBlockIndex: index, delta: { reasoningContent: { text: word } } },
        kind: 'content',
      });
    events.push({
      eventType: 'contentBlockDelta',
      payload: {
        contentBlockIndex: index,
        delta: { reasoningContent: { signature: 'fake-signature-EqQBCgIYAhIM' } },
      },
      kind: 'meta',
    });
    events.push({ eventType: 'contentBlockStop', payload: { contentBlockIndex: index }, kind: 'meta' });
    index += 1;
  }
  const reply = answer.reply;
  if (reply.type === 'text') {
    for (const word of splitWords(reply.text))
      events.push({
        eventType: 'contentBlockDelta',
        payload: { contentBlockIndex: index, delta: { text: word } },
        kind: 'content',
      });
  } else {
    events.push({
      eventType: 'contentBlockStart',
      payload: {
        contentBlockIndex: index,
        start: { toolUse: { toolUseId: answer.toolUseId, name: reply.toolName } },
      },
      kind: 'content',
    });
    const input = JSON.stringify(reply.input);
    for (let at = 0; at < input.length; at += 8)
      events.push({
        eventType: 'contentBlockDelta',
        payload: { contentBlockIndex: index, delta: { toolUse: { input: input.slice(at, at + 8) } } },
        kind: 'content',
      });
  }
  events.push({ eventType: 'contentBlockStop', payload: { contentBlockIndex: index }, kind: 'meta' });
  events.push({
    eventType: 'messageStop',
    payload: {
      stopReason: answer.stopReason,
      ...(reply.type === 'text' &&
        reply.finish === 'stop-sequence' && {
          additionalModelResponseFields: { delta: { stop_sequence: reply.stopSequence } },
        }),
    },
    kind: 'final',
  });
  events.push({
    eventType: 'metadata',
    payload: { usage: answer.usage, metrics: { latencyMs: 12 } },
    kind: 'final',
  });
  return events;
}
