/**
 * Zod schema of the OpenAI chat completion response (`object: "chat.completion"`). Lenient
 * enough for OpenAI-compatible servers, which omit `object`, `created` or tool call ids, and
 * loose, so provider additions (`annotations`, `provider`, `usage.cost`...) are kept.
 *
 * @module
 */
import { z } from 'zod';
import { openaiUsageSchema } from './openai-usage-schema.js';

const optionalString = z.string().nullish();

/** A tool call in a completion's message. */
export const openaiResponseToolCallSchema = z.looseObject({
  id: optionalString,
  type: optionalString,
  function: z.looseObject({ name: z.string(), arguments: optionalString }),
});

/** The assistant message of a completion choice. */
export const openaiChatCompletionMessageSchema = z.looseObject({
  role: optionalString,
  content: z
    .union([z.string(), z.array(z.looseObject({ type: z.string(), text: optionalString }))])
    .nullish(),
  refusal: optionalString,
  tool_calls: z.array(openaiResponseToolCallSchema).nullish(),
  function_call: z.looseObject({ name: z.string(), arguments: optionalString }).nullish(),
  /** OpenRouter's reasoning text. */
  reasoning: optionalString,
  /** DeepSeek's reasoning text. */
  reasoning_content: optionalString,
});

/** One choice of a completion. */
export const openaiChatCompletionChoiceSchema = z.looseObject({
  index: z.number().nullish(),
  message: openaiChatCompletionMessageSchema,
  finish_reason: optionalString,
  logprobs: z.unknown().optional(),
});

/** A chat completion response body. */
export const openaiChatCompletionSchema = z.looseObject({
  id: optionalString,
  object: optionalString,
  created: z.number().nullish(),
  model: optionalString,
  choices: z.array(openaiChatCompletionChoiceSchema),
  usage: openaiUsageSchema.nullish(),
  system_fingerprint: optionalString,
  service_tier: optionalString,
});

/** A validated chat completion. */
export type OpenAIChatCompletion = z.infer<typeof openaiChatCompletionSchema>;
/** A validated chat completion message. */
export type OpenAIChatCompletionMessage = z.infer<typeof openaiChatCompletionMessageSchema>;
