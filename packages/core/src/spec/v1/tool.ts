import type { ProviderOptions } from './provider-options.js';

/** A function the model may call. `inputSchema` is a JSON Schema object. */
export interface FunctionTool {
  type: 'function';
  name: string;
  description?: string;
  inputSchema: Record<string, unknown>;
  strict?: boolean;
  providerOptions?: ProviderOptions;
}

/**
 * A provider-defined tool passed through untouched (Anthropic `web_search_20250305`,
 * `computer_20250124`...). Only the provider whose format matches can use it.
 */
export interface ProviderTool {
  type: 'provider';
  /** The wire format the tool belongs to. */
  format: string;
  name: string;
  raw: Record<string, unknown>;
}

export type Tool = FunctionTool | ProviderTool;

export type ToolChoice =
  | { type: 'auto' }
  | { type: 'none' }
  | { type: 'required' }
  | { type: 'tool'; toolName: string };
