import type { EncodeOptions } from '../gateway/client-codec.js';
import type { GenerateResult } from '../spec/v1/generate-result.js';
import { isRecord } from './anthropic-extras.js';
import { toAnthropicUsage } from './convert-anthropic-usage.js';
import { toAnthropicAssistantBlock } from './encode-anthropic-content.js';
import { toAnthropicStopReason } from './map-anthropic-stop-reason.js';

/**
 * Top-level response fields an Anthropic provider returned that are re-emitted from
 * `providerMetadata.anthropic` (code-execution `container`, `context_management`).
 */
export const ANTHROPIC_PASSTHROUGH_RESPONSE_FIELDS: readonly string[] = ['container', 'context_management'];

/**
 * A canonical result as the body Anthropic's `POST /v1/messages` returns: `{id, type: 'message',
 * role: 'assistant', model, content, stop_reason, stop_sequence, usage}`. Content: text, thinking
 * (with its signature; empty when the model that produced it gave none), redacted_thinking,
 * tool_use (input parsed from the JSON text; not an object -> `{}`); a refusal becomes text.
 * `providerMetadata.anthropic.stop_sequence` is the matched stop sequence. Then
 * `options.extend()` is merged: `body` into the message, `usage` into its usage.
 */
export function encodeAnthropicMessage(
  result: GenerateResult,
  options: EncodeOptions,
): Record<string, unknown> {
  const content: Record<string, unknown>[] = [];
  for (const part of result.content) {
    const block = toAnthropicAssistantBlock(part, 'keep');
    if (block !== undefined) content.push(block);
  }
  const metadata = result.providerMetadata?.anthropic;
  const usage: Record<string, unknown> = { ...toAnthropicUsage(result.usage) };
  const usageExtras = metadata?.usage;
  if (isRecord(usageExtras)) {
    for (const key in usageExtras) if (!(key in usage)) usage[key] = usageExtras[key];
  }
  const message: Record<string, unknown> = {
    id: options.id,
    type: 'message',
    role: 'assistant',
    model: options.model,
    content,
    stop_reason: toAnthropicStopReason(result.finishReason),
    stop_sequence: typeof metadata?.stop_sequence === 'string' ? metadata.stop_sequence : null,
    usage,
  };
  if (metadata !== undefined) {
    for (const key of ANTHROPIC_PASSTHROUGH_RESPONSE_FIELDS) {
      if (metadata[key] !== undefined) message[key] = metadata[key];
    }
  }
  const extension = options.extend();
  if (extension.body !== undefined) Object.assign(message, extension.body);
  if (extension.usage !== undefined) Object.assign(usage, extension.usage);
  return message;
}
