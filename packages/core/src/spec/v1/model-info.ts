/** A model a provider serves, as `GET /v1/models` lists it. */
export interface ModelInfo {
  /** The id clients send (`openai/gpt-4o-mini`, `mock/echo`). */
  id: string;
  /** Human-readable name. */
  name?: string;
  /** Unix time in seconds. */
  created?: number;
  ownedBy?: string;
  contextLength?: number;
  /** Extra fields for the list (OpenRouter `pricing`, ...). */
  extra?: Record<string, unknown>;
}
