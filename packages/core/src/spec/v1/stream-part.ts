import type { FinishReason } from './finish-reason.js';
import type { ProviderMetadata } from './provider-options.js';
import type { ResponseInfo } from './response-info.js';
import type { Usage } from './usage.js';
import type { Warning } from './warning.js';

/**
 * One event of a model stream, a discriminated union on `type` with noun-action names.
 * Text, reasoning and tool input come as start / delta / end with an `id` tying them together;
 * a complete `tool-call` follows its `tool-input-end`. A mid-stream failure is an `error` part,
 * not a throw; `finish` is always last on success.
 */
export type StreamPart =
  | { type: 'stream-start'; warnings: Warning[] }
  | ({ type: 'response-metadata' } & ResponseInfo)
  | { type: 'text-start'; id: string; providerMetadata?: ProviderMetadata }
  | { type: 'text-delta'; id: string; delta: string }
  | { type: 'text-end'; id: string; providerMetadata?: ProviderMetadata }
  | { type: 'reasoning-start'; id: string; providerMetadata?: ProviderMetadata }
  | { type: 'reasoning-delta'; id: string; delta: string }
  /** Anthropic `signature_delta`: appended to the reasoning block's signature. */
  | { type: 'reasoning-signature'; id: string; signature: string }
  | { type: 'reasoning-end'; id: string; providerMetadata?: ProviderMetadata }
  /** Anthropic `redacted_thinking`: a whole opaque block. */
  | { type: 'reasoning-redacted'; id: string; data: string }
  | { type: 'refusal-delta'; delta: string }
  | { type: 'tool-input-start'; id: string; toolName: string }
  | { type: 'tool-input-delta'; id: string; delta: string }
  | { type: 'tool-input-end'; id: string }
  | { type: 'tool-call'; toolCallId: string; toolName: string; input: string }
  | { type: 'logprobs'; logprobs: unknown }
  | { type: 'finish'; finishReason: FinishReason; usage: Usage; providerMetadata?: ProviderMetadata }
  | { type: 'error'; error: unknown };

/** The `type` of a stream part (`text-delta`, `finish`...). */
export type StreamPartType = StreamPart['type'];

/** Parts that carry model output: nothing is sent to the client before the first of these. */
export function isContentPart(part: StreamPart): boolean {
  switch (part.type) {
    case 'text-start':
    case 'text-delta':
    case 'reasoning-start':
    case 'reasoning-delta':
    case 'reasoning-redacted':
    case 'refusal-delta':
    case 'tool-input-start':
    case 'tool-call':
    case 'finish':
      return true;
    default:
      return false;
  }
}
