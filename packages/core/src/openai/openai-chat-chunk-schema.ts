/**
 * Zod schema of one OpenAI chat completion stream chunk (`object: "chat.completion.chunk"`),
 * including the final usage chunk (`choices: []`) and OpenRouter's mid-stream `error` chunk.
 * Loose and lenient like the completion schema.
 *
 * @module
 */
import { z } from 'zod';
import { openaiUsageSchema } from './openai-usage-schema.js';

const optionalString = z.string().nullish();

/** A tool call fragment in a chunk's delta; `index` ties fragments of one call together. */
export const openaiToolCallDeltaSchema = z.looseObject({
  index: z.number(),
  id: optionalString,
  type: optionalString,
  function: z.looseObject({ name: optionalString, arguments: optionalString }).nullish(),
});

/** A chunk's delta. */
export const openaiChatChunkDeltaSchema = z.looseObject({
  role: optionalString,
  content: optionalString,
  refusal: optionalString,
  reasoning: optionalString,
  reasoning_content: optionalString,
  tool_calls: z.array(openaiToolCallDeltaSchema).nullish(),
});

/** One choice of a chunk. */
export const openaiChatChunkChoiceSchema = z.looseObject({
  index: z.number().nullish(),
  delta: openaiChatChunkDeltaSchema.nullish(),
  finish_reason: optionalString,
  logprobs: z.unknown().optional(),
});

/** One stream chunk. */
export const openaiChatChunkSchema = z.looseObject({
  id: optionalString,
  object: optionalString,
  created: z.number().nullish(),
  model: optionalString,
  system_fingerprint: optionalString,
  choices: z.array(openaiChatChunkChoiceSchema).nullish(),
  usage: openaiUsageSchema.nullish(),
  /** OpenRouter's mid-stream error. */
  error: z
    .looseObject({ message: optionalString, code: z.union([z.string(), z.number()]).nullish() })
    .nullish(),
});

/** A validated stream chunk. */
export type OpenAIChatChunk = z.infer<typeof openaiChatChunkSchema>;
