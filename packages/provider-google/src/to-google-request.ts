import type { ChatRequest, ProviderCall, Warning } from '@signalbox/core';
import { type GoogleChatOptions, readGoogleChatOptions } from './google-chat-options.js';
import type {
  GoogleGenerateContentRequest,
  GoogleGenerationConfig,
  GoogleTool,
} from './google-wire-types.js';
import { toGoogleContents } from './to-google-contents.js';
import { toGoogleSchema } from './to-google-schema.js';
import { isGemini3Model, toGoogleThinkingConfig } from './to-google-thinking.js';
import {
  droppedKeywordsWarning,
  toGoogleFunctionCallingConfig,
  toGoogleFunctionDeclarations,
} from './to-google-tools.js';

/** Options of {@link toGoogleRequest}. */
export interface ToGoogleRequestOptions {
  /** The provider name: the key of its `providerOptions`; default `google`. */
  provider?: string;
  /** Vertex AI: no function call ids, `metadata` sent as `labels`, no Files API. */
  vertex?: boolean;
  /** The Gemini API base URL, for file ids (`files/abc` -> `{filesBaseURL}/files/abc`). */
  filesBaseURL?: string;
}

/** Top-level fields of other formats that are gateway options, not model settings. */
const gatewayFields = new Set([
  'models',
  'provider',
  'providerOptions',
  'route',
  'transforms',
  'usage',
  'fallbacks',
]);

function generationConfigOf(
  request: ChatRequest,
  modelId: string,
  warnings: Warning[],
): GoogleGenerationConfig {
  const config: GoogleGenerationConfig = {};
  if (request.stopSequences !== undefined && request.stopSequences.length > 0)
    config.stopSequences = request.stopSequences;
  if (request.maxOutputTokens !== undefined) config.maxOutputTokens = request.maxOutputTokens;
  if (request.temperature !== undefined) config.temperature = request.temperature;
  if (request.topP !== undefined) config.topP = request.topP;
  if (request.topK !== undefined) config.topK = request.topK;
  if (request.seed !== undefined) config.seed = request.seed;
  if (request.presencePenalty !== undefined) config.presencePenalty = request.presencePenalty;
  if (request.frequencyPenalty !== undefined) config.frequencyPenalty = request.frequencyPenalty;
  const format = request.responseFormat;
  if (format?.type === 'json') {
    config.responseMimeType = 'application/json';
    if (format.schema !== undefined) {
      const { schema, dropped } = toGoogleSchema(format.schema);
      if (dropped.length > 0) warnings.push(droppedKeywordsWarning('responseFormat.schema', dropped));
      if (schema !== undefined) config.responseSchema = schema;
    }
  }
  if (request.logprobs === true) {
    config.responseLogprobs = true;
    if (request.topLogprobs !== undefined) config.logprobs = request.topLogprobs;
  }
  if (request.reasoning !== undefined)
    config.thinkingConfig = toGoogleThinkingConfig(request.reasoning, modelId, warnings);
  return config;
}

function unsupportedSettings(request: ChatRequest, vertex: boolean, warnings: Warning[]): void {
  const unsupported = (feature: string, details: string) =>
    warnings.push({ type: 'unsupported', feature, details });
  if (request.n !== undefined && request.n > 1)
    unsupported('n', 'Signalbox returns one candidate per request: candidateCount was not sent');
  if (request.parallelToolCalls === false)
    unsupported('parallelToolCalls', 'Gemini cannot be told to call one function at a time');
  if (request.user !== undefined) unsupported('user', 'Gemini has no end-user field');
  if (request.metadata !== undefined && !vertex)
    unsupported('metadata', 'the Gemini API has no request metadata (Vertex AI sends it as labels)');
  if (request.logprobs !== true && request.topLogprobs !== undefined)
    unsupported('topLogprobs', 'sent only with logprobs');
  const extra = request.source?.extraFields ?? {};
  for (const field of Object.keys(extra)) {
    if (!gatewayFields.has(field))
      unsupported(field, `a ${request.source?.format} field Gemini has no equivalent for`);
  }
}

function applyChatOptions(body: GoogleGenerateContentRequest, options: GoogleChatOptions): void {
  const { generationConfig, thinkingConfig, toolConfig, tools, ...rest } = options;
  Object.assign(body, rest);
  if (generationConfig !== undefined || thinkingConfig !== undefined) {
    const merged: GoogleGenerationConfig = { ...body.generationConfig, ...generationConfig };
    if (thinkingConfig !== undefined) merged.thinkingConfig = thinkingConfig;
    // A JSON schema given as is replaces the converted one (Gemini takes one or the other).
    if (generationConfig?.responseJsonSchema !== undefined && generationConfig.responseSchema === undefined)
      delete merged.responseSchema;
    body.generationConfig = merged;
  }
  if (toolConfig !== undefined) body.toolConfig = { ...body.toolConfig, ...toolConfig };
  if (tools !== undefined && tools.length > 0) body.tools = [...(body.tools ?? []), ...tools];
}

/**
 * Converts a provider call to the body of Gemini's `generateContent` / `streamGenerateContent`
 * (the model is in the URL): `contents` and `systemInstruction` (`toGoogleContents`),
 * `generationConfig` (`stopSequences`, `maxOutputTokens`, `temperature`, `topP`, `topK`, `seed`,
 * penalties, JSON output as `responseMimeType: application/json` + `responseSchema`, logprobs,
 * `thinkingConfig` from `reasoning`), function declarations and `toolConfig.functionCallingConfig`
 * from the tool choice, and the Gemini-only fields of `providerOptions.google`, which win. On
 * Vertex AI, `metadata` becomes `labels`. Values are sent as given; Gemini answers a 400 for one
 * out of range, the adapter never clamps.
 *
 * What Gemini cannot express is a warning: `n > 1`, `parallelToolCalls: false`, `user`,
 * `metadata` (Gemini API), schema keywords outside Gemini's subset, other formats' provider
 * tools, and fields of the client's own format with no Gemini equivalent (`logit_bias`...).
 */
export function toGoogleRequest(
  call: ProviderCall,
  options: ToGoogleRequestOptions = {},
): { body: GoogleGenerateContentRequest; warnings: Warning[] } {
  const { request, modelId } = call;
  const provider = options.provider ?? 'google';
  const vertex = options.vertex ?? false;
  const warnings: Warning[] = [];
  const chatOptions = readGoogleChatOptions(request, provider);
  const conversation = toGoogleContents(request.messages, warnings, {
    provider,
    functionCallIds: !vertex,
    gemini3: isGemini3Model(modelId),
    ...(options.filesBaseURL !== undefined && { filesBaseURL: options.filesBaseURL }),
  });
  const body: GoogleGenerateContentRequest = { contents: conversation.contents };
  if (conversation.systemInstruction) body.systemInstruction = conversation.systemInstruction;
  if (request.tools !== undefined && request.tools.length > 0) {
    const declarations = toGoogleFunctionDeclarations(request.tools, warnings);
    if (declarations.length > 0) body.tools = [{ functionDeclarations: declarations } satisfies GoogleTool];
  }
  if (request.toolChoice !== undefined && body.tools !== undefined)
    body.toolConfig = { functionCallingConfig: toGoogleFunctionCallingConfig(request.toolChoice) };
  const generationConfig = generationConfigOf(request, modelId, warnings);
  if (Object.keys(generationConfig).length > 0) body.generationConfig = generationConfig;
  if (vertex && request.metadata !== undefined) body.labels = { ...request.metadata };
  unsupportedSettings(request, vertex, warnings);
  applyChatOptions(body, chatOptions);
  return { body, warnings };
}
