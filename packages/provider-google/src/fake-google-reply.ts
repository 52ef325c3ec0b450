import {
  asArray,
  asString,
  type Conversation,
  countWords,
  estimateTokens,
  type FrameKind,
  isRecord,
  type OfferedTool,
  type Reply,
  splitWords,
  type ToolMode,
} from '@signalbox/testing/upstreams';

type Json = Record<string, unknown>;

function partsOf(content: unknown): Json[] {
  return isRecord(content) ? asArray(content.parts).filter(isRecord) : [];
}

function toolOutput(response: unknown): string {
  if (!isRecord(response)) return '';
  for (const key of ['output', 'error', 'content', 'result']) {
    const value = response[key];
    if (value !== undefined) return typeof value === 'string' ? value : JSON.stringify(value);
  }
  return JSON.stringify(response);
}

function toolMode(body: Json): ToolMode {
  const config = isRecord(body.toolConfig) ? body.toolConfig.functionCallingConfig : undefined;
  if (!isRecord(config)) return 'auto';
  if (config.mode === 'NONE') return 'none';
  if (config.mode !== 'ANY' && config.mode !== 'VALIDATED') return 'auto';
  const allowed = asArray(config.allowedFunctionNames).filter((name) => typeof name === 'string');
  return allowed.length === 1 ? { name: String(allowed[0]) } : 'required';
}

/**
 * What the fake model reads from a `generateContent` body: the text and images of the last user
 * turn, the outputs of the function responses it holds (then the conversation ends with tool
 * results), the declared functions, the `functionCallingConfig` mode, stop sequences and
 * `maxOutputTokens`.
 */
export function googleConversation(body: Json): Conversation {
  const contents = asArray(body.contents).filter(isRecord);
  const last = [...contents].reverse().find((content) => (content.role ?? 'user') === 'user');
  const parts = partsOf(last);
  const responses = parts.filter((part) => isRecord(part.functionResponse));
  const texts = parts.map((part) => asString(part.text)).filter((text): text is string => text !== undefined);
  const images = parts.filter((part) => {
    const media = isRecord(part.inlineData)
      ? part.inlineData
      : isRecord(part.fileData)
        ? part.fileData
        : undefined;
    return media !== undefined && String(media.mimeType ?? '').startsWith('image/');
  });
  const tools: OfferedTool[] = [];
  for (const tool of asArray(body.tools).filter(isRecord)) {
    for (const declaration of asArray(tool.functionDeclarations).filter(isRecord))
      tools.push({ name: String(declaration.name), inputSchema: declaration.parameters });
  }
  const config = isRecord(body.generationConfig) ? body.generationConfig : {};
  const stops = asArray(config.stopSequences).filter((stop): stop is string => typeof stop === 'string');
  return {
    lastUserText: texts.join(' '),
    imageCount: images.length,
    toolResults:
      responses.length > 0
        ? responses.map((part) => toolOutput((part.functionResponse as Json).response))
        : undefined,
    tools,
    toolMode: toolMode(body),
    stopSequences: stops,
    maxTokens: typeof config.maxOutputTokens === 'number' ? config.maxOutputTokens : undefined,
  };
}

/** Deterministic prompt tokens: one per four characters of the conversation and the tools. */
export function googlePromptTokens(body: Json): number {
  return estimateTokens(
    JSON.stringify({
      contents: body.contents ?? [],
      systemInstruction: body.systemInstruction ?? null,
      tools: body.tools ?? [],
    }),
  );
}

/** Whether the request asks to see thoughts (or the model always signs: Gemini 3). */
export function thinkingOf(body: Json, model: string): { thoughts: boolean; signed: boolean } {
  const config = isRecord(body.generationConfig) ? body.generationConfig.thinkingConfig : undefined;
  const thoughts = isRecord(config) && config.includeThoughts === true && config.thinkingBudget !== 0;
  return { thoughts, signed: thoughts || /^gemini-3/.test(model) };
}

/** Everything a Gemini answer is built from. */
export interface GoogleReplyOptions {
  responseId: string;
  model: string;
  reply: Reply;
  promptTokens: number;
  /** Include a thought summary part (and count thought tokens). */
  thoughts: boolean;
  /** Sign the first function call (thinking models). */
  signed: boolean;
}

/** One streamed frame and its kind for the stream faults. */
export interface GoogleFrame {
  data: Json;
  kind: FrameKind;
}

const THOUGHT = 'I considered the request and chose the answer.';

function finishReason(reply: Reply): string {
  return reply.type === 'text' && reply.finish === 'length' ? 'MAX_TOKENS' : 'STOP';
}

function answerParts(options: GoogleReplyOptions): Json[] {
  const { reply } = options;
  if (reply.type === 'text') return [{ text: reply.text }];
  const call: Json = { functionCall: { name: reply.toolName, args: reply.input } };
  if (options.signed)
    call.thoughtSignature = Buffer.from(`fake-signature:${options.responseId}`).toString('base64');
  return [call];
}

function usage(options: GoogleReplyOptions, final: boolean): Json {
  const { reply } = options;
  const candidates =
    reply.type === 'text' ? countWords(reply.text) : Math.max(1, countWords(JSON.stringify(reply.input)));
  const thoughts = options.thoughts ? countWords(THOUGHT) : 0;
  return {
    promptTokenCount: options.promptTokens,
    ...(final && { candidatesTokenCount: candidates }),
    totalTokenCount: options.promptTokens + (final ? candidates : 0) + thoughts,
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: options.promptTokens }],
    ...(thoughts > 0 && { thoughtsTokenCount: thoughts }),
  };
}

function response(options: GoogleReplyOptions, parts: Json[], final: boolean): Json {
  return {
    candidates: [
      {
        content: { parts, role: 'model' },
        ...(final && { finishReason: finishReason(options.reply) }),
        index: 0,
      },
    ],
    usageMetadata: usage(options, final),
    modelVersion: options.model,
    responseId: options.responseId,
  };
}

/** The `GenerateContentResponse` of a non-streamed reply. */
export function googleResponse(options: GoogleReplyOptions): Json {
  const thought = options.thoughts ? [{ text: THOUGHT, thought: true }] : [];
  return response(options, [...thought, ...answerParts(options)], true);
}

/**
 * The frames of a streamed reply, as Gemini streams: a thought summary (when asked), one chunk
 * per word of text (or one with the whole function call), each with the usage so far, then a
 * final chunk with an empty text part, the finish reason and the whole usage.
 */
export function googleChunks(options: GoogleReplyOptions): GoogleFrame[] {
  const frames: GoogleFrame[] = [];
  if (options.thoughts)
    frames.push({ data: response(options, [{ text: THOUGHT, thought: true }], false), kind: 'content' });
  const { reply } = options;
  if (reply.type === 'text') {
    for (const word of splitWords(reply.text))
      frames.push({ data: response(options, [{ text: word }], false), kind: 'content' });
  } else {
    frames.push({ data: response(options, answerParts(options), false), kind: 'content' });
  }
  frames.push({ data: response(options, [{ text: '' }], true), kind: 'final' });
  return frames;
}
