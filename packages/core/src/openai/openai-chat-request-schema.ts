/**
 * Zod schemas of the OpenAI Chat Completions request body (`POST /v1/chat/completions`).
 * Every object is loose: fields the schema does not name are kept, so nothing a client sends is
 * lost. Optional fields accept `null` (clients send `"stop": null`), which means "not set".
 * Built once at module load.
 *
 * @module
 */
import { z } from 'zod';

/** A `{type: 'text'}` content part. */
export const openaiTextPartSchema = z.looseObject({ type: z.literal('text'), text: z.string() });

/** A `{type: 'image_url'}` content part: an http(s) URL or a data URL. */
export const openaiImagePartSchema = z.looseObject({
  type: z.literal('image_url'),
  image_url: z.looseObject({ url: z.string(), detail: z.enum(['auto', 'low', 'high']).nullish() }),
});

/** A `{type: 'input_audio'}` content part: base64 audio (`wav`, `mp3`). */
export const openaiInputAudioPartSchema = z.looseObject({
  type: z.literal('input_audio'),
  input_audio: z.looseObject({ data: z.string(), format: z.string() }),
});

/** A `{type: 'file'}` content part: inline `file_data` (a data URL) or an uploaded `file_id`. */
export const openaiFilePartSchema = z.looseObject({
  type: z.literal('file'),
  file: z.looseObject({
    file_data: z.string().nullish(),
    file_id: z.string().nullish(),
    filename: z.string().nullish(),
  }),
});

/** A `{type: 'refusal'}` content part (assistant messages only). */
export const openaiRefusalPartSchema = z.looseObject({ type: z.literal('refusal'), refusal: z.string() });

const textContent = z.union([z.string(), z.array(z.discriminatedUnion('type', [openaiTextPartSchema]))]);

/** A user message content part. */
export const openaiUserContentPartSchema = z.discriminatedUnion('type', [
  openaiTextPartSchema,
  openaiImagePartSchema,
  openaiInputAudioPartSchema,
  openaiFilePartSchema,
]);

/** An assistant message content part. */
export const openaiAssistantContentPartSchema = z.discriminatedUnion('type', [
  openaiTextPartSchema,
  openaiRefusalPartSchema,
]);

/** A function call in an assistant message (`tool_calls[i]`). */
export const openaiToolCallSchema = z.looseObject({
  id: z.string(),
  type: z.literal('function').optional(),
  function: z.looseObject({ name: z.string(), arguments: z.string() }),
});

const name = z.string().nullish();

/** The `system` message. */
export const openaiSystemMessageSchema = z.looseObject({
  role: z.literal('system'),
  content: textContent,
  name,
});

/** The `developer` message (replaces `system` for reasoning models). */
export const openaiDeveloperMessageSchema = z.looseObject({
  role: z.literal('developer'),
  content: textContent,
  name,
});

/** The `user` message. */
export const openaiUserMessageSchema = z.looseObject({
  role: z.literal('user'),
  content: z.union([z.string(), z.array(openaiUserContentPartSchema)]),
  name,
});

/** The `assistant` message, with optional tool calls and OpenRouter/DeepSeek-style reasoning. */
export const openaiAssistantMessageSchema = z.looseObject({
  role: z.literal('assistant'),
  content: z.union([z.string(), z.array(openaiAssistantContentPartSchema)]).nullish(),
  refusal: z.string().nullish(),
  name,
  tool_calls: z.array(openaiToolCallSchema).nullish(),
  /** Deprecated single function call. */
  function_call: z.looseObject({ name: z.string(), arguments: z.string() }).nullish(),
  /** OpenRouter's reasoning text. */
  reasoning: z.string().nullish(),
  /** DeepSeek's reasoning text. */
  reasoning_content: z.string().nullish(),
});

/** The `tool` message: the result of one tool call. */
export const openaiToolMessageSchema = z.looseObject({
  role: z.literal('tool'),
  content: textContent,
  tool_call_id: z.string(),
});

/** The deprecated `function` message: the result of a `function_call`. */
export const openaiFunctionMessageSchema = z.looseObject({
  role: z.literal('function'),
  name: z.string(),
  content: z.string().nullable(),
});

/** Any chat message, discriminated on `role`. */
export const openaiChatMessageSchema = z.discriminatedUnion('role', [
  openaiSystemMessageSchema,
  openaiDeveloperMessageSchema,
  openaiUserMessageSchema,
  openaiAssistantMessageSchema,
  openaiToolMessageSchema,
  openaiFunctionMessageSchema,
]);

/** A function tool definition. */
export const openaiFunctionToolSchema = z.looseObject({
  type: z.literal('function'),
  function: z.looseObject({
    name: z.string(),
    description: z.string().nullish(),
    parameters: z.record(z.string(), z.unknown()).nullish(),
    strict: z.boolean().nullish(),
  }),
});

/** A custom (free-form input) tool definition. */
export const openaiCustomToolSchema = z.looseObject({
  type: z.literal('custom'),
  custom: z.looseObject({ name: z.string() }),
});

/** A tool definition. */
export const openaiToolSchema = z.discriminatedUnion('type', [
  openaiFunctionToolSchema,
  openaiCustomToolSchema,
]);

/** `tool_choice`: a mode, a named function, or the newer `allowed_tools`/`custom` objects. */
export const openaiToolChoiceSchema = z.union([
  z.enum(['none', 'auto', 'required']),
  z.looseObject({ type: z.literal('function'), function: z.looseObject({ name: z.string() }) }),
  z.looseObject({ type: z.enum(['allowed_tools', 'custom']) }),
]);

/** `response_format`: text, JSON mode, or a JSON schema. */
export const openaiResponseFormatSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('text') }),
  z.looseObject({ type: z.literal('json_object') }),
  z.looseObject({
    type: z.literal('json_schema'),
    json_schema: z.looseObject({
      name: z.string(),
      description: z.string().nullish(),
      schema: z.record(z.string(), z.unknown()).nullish(),
      strict: z.boolean().nullish(),
    }),
  }),
]);

/** The values of `reasoning_effort`. */
export const openaiReasoningEffortSchema = z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']);

const integer = z.number().int().nullish();
const number = z.number().nullish();

/** The request body of `POST /v1/chat/completions`. */
export const openaiChatRequestSchema = z.looseObject({
  model: z.string(),
  messages: z.array(openaiChatMessageSchema).min(1),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
  max_tokens: integer,
  max_completion_tokens: integer,
  temperature: number,
  top_p: number,
  /** Not OpenAI's; accepted as most OpenAI-compatible servers (and OpenRouter) do. */
  top_k: integer,
  n: integer,
  seed: integer,
  presence_penalty: number,
  frequency_penalty: number,
  stop: z.union([z.string(), z.array(z.string())]).nullish(),
  logit_bias: z.record(z.string(), z.number()).nullish(),
  logprobs: z.boolean().nullish(),
  top_logprobs: integer,
  user: z.string().nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
  reasoning_effort: openaiReasoningEffortSchema.nullish(),
  response_format: openaiResponseFormatSchema.nullish(),
  tools: z.array(openaiToolSchema).nullish(),
  tool_choice: openaiToolChoiceSchema.nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  store: z.boolean().nullish(),
  service_tier: z.string().nullish(),
  modalities: z.array(z.string()).nullish(),
  prediction: z.looseObject({ type: z.string() }).nullish(),
});

/** A validated OpenAI chat request body. */
export type OpenAIChatRequest = z.infer<typeof openaiChatRequestSchema>;
/** One validated OpenAI chat message. */
export type OpenAIChatMessage = z.infer<typeof openaiChatMessageSchema>;
/** One validated user content part. */
export type OpenAIUserContentPart = z.infer<typeof openaiUserContentPartSchema>;
/** One validated text content part. */
export type OpenAITextPart = z.infer<typeof openaiTextPartSchema>;
/** One validated tool call of an assistant message. */
export type OpenAIToolCall = z.infer<typeof openaiToolCallSchema>;
/** One validated tool definition. */
export type OpenAITool = z.infer<typeof openaiToolSchema>;
/** A validated `tool_choice`. */
export type OpenAIToolChoice = z.infer<typeof openaiToolChoiceSchema>;
/** A validated `response_format`. */
export type OpenAIResponseFormat = z.infer<typeof openaiResponseFormatSchema>;
