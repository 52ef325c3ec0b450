/** Why the model stopped, unified across providers, with the provider's own value kept. */
export type UnifiedFinishReason = 'stop' | 'length' | 'content-filter' | 'tool-calls' | 'error' | 'other';

/**
 * Why generation stopped: the unified reason for middlewares and clients, and the provider's own
 * value for fidelity.
 */
export interface FinishReason {
  unified: UnifiedFinishReason;
  /** The provider's value (`end_turn`, `stop`, `max_tokens`, `pause_turn`...). */
  raw: string | undefined;
}
