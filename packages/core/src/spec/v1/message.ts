import type { AssistantContentPart, TextPart, ToolResultPart, UserContentPart } from './content-part.js';
import type { ProviderOptions } from './provider-options.js';

/**
 * One turn of the conversation. System instructions are messages too (OpenAI puts them in
 * `messages`, Anthropic in `system`); codecs move them where each format wants them.
 */
export type Message =
  | { role: 'system'; content: TextPart[]; providerOptions?: ProviderOptions }
  | { role: 'user'; content: UserContentPart[]; name?: string; providerOptions?: ProviderOptions }
  | { role: 'assistant'; content: AssistantContentPart[]; name?: string; providerOptions?: ProviderOptions }
  | { role: 'tool'; content: ToolResultPart[]; providerOptions?: ProviderOptions };

/** The role of a message: `system`, `user`, `assistant` or `tool`. */
export type Role = Message['role'];
