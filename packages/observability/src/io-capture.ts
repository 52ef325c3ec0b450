import type {
  ChatRequest,
  GatewayContext,
  GenerateResult,
  Message,
  Principal,
  StreamPart,
} from '@signalbox/core';
import type { CapturedCompletion, CapturedIo, CapturedMessage } from './log-record.js';

/**
 * When to capture prompts and completions. Off by default. `true` turns it on for the whole
 * gateway; `{ projects, keys }` for some projects or keys (a key matches by principal id or key
 * prefix); a function decides per request.
 */
export type CaptureIoSetting =
  | boolean
  | { projects?: string[]; keys?: string[] }
  | ((principal: Principal | undefined, context: GatewayContext) => boolean);

/**
 * Rewrites captured I/O before it is stored or sent (mask e-mail addresses, drop a field...).
 * Return `undefined` to keep nothing for this request.
 */
export type RedactIo = (io: CapturedIo, context: GatewayContext) => CapturedIo | undefined;

/** Default cap of each captured text field, in characters. */
export const DEFAULT_MAX_IO_CHARACTERS = 32_000;

/** Whether I/O is captured for this request under the setting. */
export function shouldCaptureIo(setting: CaptureIoSetting | undefined, context: GatewayContext): boolean {
  if (setting === undefined || setting === false) return false;
  if (setting === true) return true;
  if (typeof setting === 'function') return setting(context.principal, context);
  const principal = context.principal;
  if (!principal) return false;
  if (principal.projectId !== undefined && setting.projects?.includes(principal.projectId)) return true;
  return setting.keys?.some((key) => key === principal.id || key === principal.keyPrefix) === true;
}

function byteSize(base64: string): string {
  const bytes = Math.floor((base64.length * 3) / 4);
  return bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} kB` : `${bytes} B`;
}

function flattenMessage(message: Message): string {
  const pieces: string[] = [];
  for (const part of message.content) {
    switch (part.type) {
      case 'text':
      case 'reasoning':
      case 'refusal':
        pieces.push(part.text);
        break;
      case 'image':
      case 'file': {
        const source = part.source;
        const where =
          source.type === 'base64'
            ? byteSize(source.data)
            : source.type === 'url'
              ? source.url.startsWith('data:')
                ? 'inline'
                : source.url
              : source.type === 'file-id'
                ? source.fileId
                : 'text';
        pieces.push(`[${part.type} ${part.mediaType ?? ''} ${where}]`.replace(/\s+/g, ' '));
        break;
      }
      case 'tool-call':
        pieces.push(`[tool call ${part.toolName}(${part.input})]`);
        break;
      case 'tool-result':
        pieces.push(
          `[tool result ${part.toolCallId}: ${
            typeof part.output === 'string'
              ? part.output
              : part.output.map((item) => (item.type === 'text' ? item.text : '[image]')).join(' ')
          }]`,
        );
        break;
    }
  }
  return pieces.join('\n');
}

/** The prompt as text per message (images and files become placeholders, never their bytes). */
export function capturePrompt(request: ChatRequest): CapturedMessage[] {
  return request.messages.map((message) => ({ role: message.role, content: flattenMessage(message) }));
}

/** The completion of a non-streamed result. */
export function completionOfResult(result: GenerateResult): CapturedCompletion {
  const completion: CapturedCompletion = { text: '' };
  for (const part of result.content) {
    if (part.type === 'text') completion.text += part.text;
    else if (part.type === 'reasoning') completion.reasoning = (completion.reasoning ?? '') + part.text;
    else if (part.type === 'refusal') completion.refusal = (completion.refusal ?? '') + part.text;
    else if (part.type === 'tool-call') {
      completion.toolCalls = [...(completion.toolCalls ?? []), { name: part.toolName, input: part.input }];
    }
  }
  return completion;
}

/** Accumulates a stream's output as it passes (for capture), without holding the parts. */
export class CompletionCollector {
  readonly completion: CapturedCompletion = { text: '' };

  /** Feed every part of the stream. */
  add(part: StreamPart): void {
    const completion = this.completion;
    if (part.type === 'text-delta') completion.text += part.delta;
    else if (part.type === 'reasoning-delta')
      completion.reasoning = (completion.reasoning ?? '') + part.delta;
    else if (part.type === 'refusal-delta') completion.refusal = (completion.refusal ?? '') + part.delta;
    else if (part.type === 'tool-call') {
      completion.toolCalls = [...(completion.toolCalls ?? []), { name: part.toolName, input: part.input }];
    }
  }
}

function cut(text: string, max: number, flag: { truncated: boolean }): string {
  if (text.length <= max) return text;
  flag.truncated = true;
  return `${text.slice(0, max)}…`;
}

/** Caps every text field of captured I/O at `max` characters, marking it truncated. */
export function limitIo(io: CapturedIo, max: number): CapturedIo {
  const flag = { truncated: io.truncated === true };
  const completion: CapturedCompletion = { text: cut(io.completion.text, max, flag) };
  if (io.completion.reasoning !== undefined) completion.reasoning = cut(io.completion.reasoning, max, flag);
  if (io.completion.refusal !== undefined) completion.refusal = cut(io.completion.refusal, max, flag);
  if (io.completion.toolCalls !== undefined) {
    completion.toolCalls = io.completion.toolCalls.map((call) => ({
      name: call.name,
      input: cut(call.input, max, flag),
    }));
  }
  const limited: CapturedIo = {
    prompt: io.prompt.map((message) => ({ role: message.role, content: cut(message.content, max, flag) })),
    completion,
  };
  if (flag.truncated) limited.truncated = true;
  return limited;
}
