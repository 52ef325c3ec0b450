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

/**
 * A tool the model may call: a function with a JSON Schema, or a provider-defined tool passed
 * through.
 */
export type Tool = FunctionTool | ProviderTool;

/** Whether and which tool the model must call: `auto`, `none`, `required` or one named tool. */
export type ToolChoice =
  | { type: 'auto' }
  | { type: 'none' }
  | { type: 'required' }
  | { type: 'tool'; toolName: string };
