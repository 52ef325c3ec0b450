import { GatewayError, type ModelInfo } from '@signalbox/core';
import { z } from 'zod';

const openaiModelListSchema = z.looseObject({
  data: z.array(
    z.looseObject({
      id: z.string(),
      created: z.number().nullish(),
      owned_by: z.string().nullish(),
    }),
  ),
});

/**
 * Converts the body of OpenAI's `GET /v1/models` (`{object: 'list', data: [{id, created,
 * owned_by}]}`) to model infos. Any other body is a retryable 502.
 */
export function fromOpenAIModelList(json: unknown, provider: string): ModelInfo[] {
  const parsed = openaiModelListSchema.safeParse(json);
  if (!parsed.success) {
    throw new GatewayError(`${provider} returned an invalid model list.`, {
      status: 502,
      type: 'upstream_error',
      provider,
      cause: parsed.error,
    });
  }
  return parsed.data.data.map((model) => {
    const info: ModelInfo = { id: model.id };
    if (model.created != null) info.created = model.created;
    if (model.owned_by != null) info.ownedBy = model.owned_by;
    return info;
  });
}
