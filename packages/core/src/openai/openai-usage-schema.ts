/**
 * Zod schema of the `usage` object of OpenAI chat completions (and of OpenAI-compatible APIs,
 * which omit some fields or add their own: OpenRouter's `cost`, `cache_write_tokens`...).
 *
 * @module
 */
import { z } from 'zod';

const count = z.number().nullish();

/** The `usage` object of a chat completion or of the final stream chunk. */
export const openaiUsageSchema = z.looseObject({
  prompt_tokens: count,
  completion_tokens: count,
  total_tokens: count,
  prompt_tokens_details: z
    .looseObject({ cached_tokens: count, cache_write_tokens: count, audio_tokens: count })
    .nullish(),
  completion_tokens_details: z
    .looseObject({
      reasoning_tokens: count,
      audio_tokens: count,
      accepted_prediction_tokens: count,
      rejected_prediction_tokens: count,
    })
    .nullish(),
});

/** A validated OpenAI `usage` object. */
export type OpenAIUsage = z.infer<typeof openaiUsageSchema>;
