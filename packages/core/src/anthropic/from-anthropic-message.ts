import { GatewayError } from '../errors/gateway-error.js';
import type { ResultContentPart } from '../spec/v1/content-part.js';
import type { GenerateResult } from '../spec/v1/generate-result.js';
import type { Warning } from '../spec/v1/warning.js';
import { anthropicMessageSchema } from './anthropic-response-schema.js';
import { anthropicUsageExtras, convertAnthropicUsage } from './convert-anthropic-usage.js';
import { decodeAnthropicAssistantBlock } from './decode-anthropic-content.js';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason.js';

/** Response fields the canonical result maps; others (`container`, `context_management`...) go to metadata. */
const mappedMessageKeys = new Set([
  'id',
  'type',
  'role',
  'model',
  'content',
  'stop_reason',
  'stop_sequence',
  'usage',
]);

/**
 * Decodes a complete `POST /v1/messages` response into a canonical result: content parts in
 * order (text, reasoning with signature, redacted reasoning, tool calls with their input as JSON
 * text, other blocks kept opaque), the finish reason with the raw `stop_reason`, usage (see
 * `convertAnthropicUsage`), and `providerMetadata.anthropic` = `{stop_sequence, usage: extra
 * usage fields, ...extra response fields}`. A body that is not a message is a retryable 502
 * `upstream_error`.
 */
export function fromAnthropicMessage(json: unknown, warnings: Warning[]): GenerateResult {
  const parsed = anthropicMessageSchema.safeParse(json);
  if (!parsed.success) {
    throw new GatewayError('The provider returned a response that is not an Anthropic message', {
      status: 502,
      type: 'upstream_error',
      isRetryable: true,
      cause: parsed.error,
    });
  }
  const message = parsed.data;
  const content: ResultContentPart[] = message.content.map((block) => decodeAnthropicAssistantBlock(block));
  const metadata: Record<string, unknown> = { stop_sequence: message.stop_sequence ?? null };
  const usageExtras = anthropicUsageExtras(message.usage);
  if (usageExtras !== undefined) metadata.usage = usageExtras;
  for (const key in message) {
    if (!mappedMessageKeys.has(key) && message[key] !== undefined) metadata[key] = message[key];
  }
  return {
    content,
    finishReason: mapAnthropicStopReason(message.stop_reason),
    usage: convertAnthropicUsage(message.usage),
    warnings,
    response: { id: message.id, modelId: message.model, extra: {} },
    providerMetadata: { anthropic: metadata },
  };
}
