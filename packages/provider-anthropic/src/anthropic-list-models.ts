import { GatewayError, type ModelInfo } from '@signalbox/core';
import { z } from 'zod';

const anthropicModelPageSchema = z.looseObject({
  data: z.array(
    z.looseObject({
      id: z.string(),
      display_name: z.string().nullish(),
      created_at: z.string().nullish(),
    }),
  ),
  has_more: z.boolean().nullish(),
  last_id: z.string().nullish(),
});

/** One page of Anthropic's `GET /v1/models`, converted. */
export interface AnthropicModelPage {
  models: ModelInfo[];
  /** The `after_id` of the next page, when there is one. */
  nextAfterId: string | undefined;
}

/**
 * Converts a page of Anthropic's `GET /v1/models` (`{data: [{id, display_name, created_at}],
 * has_more, last_id}`): `name` from `display_name`, `created` in Unix seconds from the RFC 3339
 * `created_at`. Any other body is a retryable 502.
 */
export function fromAnthropicModelPage(json: unknown, provider: string): AnthropicModelPage {
  const parsed = anthropicModelPageSchema.safeParse(json);
  if (!parsed.success) {
    throw new GatewayError(`${provider} returned an invalid model list.`, {
      status: 502,
      type: 'upstream_error',
      provider,
      cause: parsed.error,
    });
  }
  const models = parsed.data.data.map((model) => {
    const info: ModelInfo = { id: model.id, ownedBy: provider };
    if (model.display_name != null) info.name = model.display_name;
    const created = model.created_at == null ? Number.NaN : Date.parse(model.created_at);
    if (!Number.isNaN(created)) info.created = Math.floor(created / 1000);
    return info;
  });
  const last = parsed.data.last_id ?? parsed.data.data.at(-1)?.id;
  return { models, nextAfterId: parsed.data.has_more === true && last != null ? last : undefined };
}
