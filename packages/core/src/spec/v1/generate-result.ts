import type { ResultContentPart } from './content-part.js';
import type { FinishReason } from './finish-reason.js';
import type { ProviderMetadata } from './provider-options.js';
import type { ResponseInfo } from './response-info.js';
import type { Usage } from './usage.js';
import type { Warning } from './warning.js';

/** A complete (non-streamed) model result. */
export interface GenerateResult {
  content: ResultContentPart[];
  finishReason: FinishReason;
  usage: Usage;
  warnings: Warning[];
  response: ResponseInfo;
  /** Logprobs as the provider returned them (OpenAI shape when from an OpenAI-compatible API). */
  logprobs?: unknown;
  providerMetadata?: ProviderMetadata;
}
