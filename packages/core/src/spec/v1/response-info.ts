/** What the provider said about the response it produced. */
export interface ResponseInfo {
  /** The provider's response id (`chatcmpl-...`, `msg_...`). */
  id?: string;
  /** The model the provider actually ran (may differ from the one asked, e.g. a dated snapshot). */
  modelId?: string;
  /** Unix time in seconds. */
  created?: number;
  /** The provider's request id header (`x-request-id`, `request-id`). */
  requestId?: string;
  /** Response headers from the provider, lower-cased. */
  headers?: Record<string, string>;
  /** OpenAI `system_fingerprint`, `service_tier` and similar. */
  extra?: Record<string, unknown>;
}
