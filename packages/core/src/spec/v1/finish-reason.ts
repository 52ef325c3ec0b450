/** Why the model stopped, unified across providers, with the provider's own value kept. */
export type UnifiedFinishReason = 'stop' | 'length' | 'content-filter' | 'tool-calls' | 'error' | 'other';

export interface FinishReason {
  unified: UnifiedFinishReason;
  /** The provider's value (`end_turn`, `stop`, `max_tokens`, `pause_turn`...). */
  raw: string | undefined;
}
