import type { CredentialType } from '../spec/v1/provider-adapter.js';

/** One call to one provider for one model, as the router made it. */
export interface Attempt {
  /** The catalog model this attempt served (`anthropic/claude-haiku-4-5`). */
  model: string;
  provider: string;
  /** The provider's own model id. */
  providerModelId: string;
  credentialType: CredentialType;
  /** Clock milliseconds. */
  startTime: number;
  endTime?: number;
  success: boolean;
  /** HTTP status from the provider, or the status the failure maps to. */
  statusCode?: number;
  providerRequestId?: string;
  providerResponseId?: string;
  /** Why it failed; also set when a stream that had started failed mid-way. */
  error?: { message: string; type: string; status: number; code?: string };
}
