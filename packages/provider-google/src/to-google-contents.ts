import {
  type AssistantContentPart,
  GatewayError,
  type Message,
  type ToolResultPart,
  type UserContentPart,
  type Warning,
} from '@signalbox/core';
import { type GoogleMediaOptions, toGoogleMediaPart } from './google-media.js';
import { thoughtSignatureOf } from './google-part-options.js';
import type { GoogleContent, GooglePart } from './google-wire-types.js';
import { warnOnce } from './warn-once.js';

/**
 * The signature Google documents for replaying a function call whose own signature was lost
 * (Gemini 3 rejects unsigned function calls in the history).
 */
export const SKIP_THOUGHT_SIGNATURE = 'skip_thought_signature_validator';

/** The ids this adapter makes up when the API gives a call none: `call_<index>`. */
const synthesizedId = /^call_\d+$/;

/** Options of {@link toGoogleContents}. */
export interface ToGoogleContentsOptions extends GoogleMediaOptions {
  /** The provider name: the key of the thought signatures in parts' `providerOptions`. */
  provider: string;
  /**
   * Send tool-call ids in `functionCall.id` / `functionResponse.id` (Gemini API: yes, except
   * the `call_<n>` ids the adapter made up; Vertex rejects them: no).
   */
  functionCallIds: boolean;
  /** Gemini 3 models: unsigned function calls get the documented skip signature. */
  gemini3: boolean;
}

/** `contents` and `systemInstruction` of a Gemini request. */
export interface GoogleConversation {
  contents: GoogleContent[];
  systemInstruction?: { parts: Array<{ text: string }> };
}

function parseArguments(input: string, toolName: string, warnings: Warning[]): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(input === '' ? '{}' : input);
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  warnOnce(warnings, {
    type: 'compatibility',
    feature: 'tool call input',
    details: `Gemini takes function call arguments as a JSON object; the input of '${toolName}' was not one and was sent as {}`,
  });
  return {};
}

function userParts(
  content: UserContentPart[],
  warnings: Warning[],
  options: ToGoogleContentsOptions,
): GooglePart[] {
  const parts: GooglePart[] = [];
  for (const part of content) {
    if (part.type === 'text') {
      if (part.text !== '') parts.push({ text: part.text });
      continue;
    }
    const fallback = part.type === 'image' ? 'image/jpeg' : part.mediaType;
    const media = toGoogleMediaPart(part.source, part.mediaType, fallback, warnings, options);
    if (media) parts.push(media);
  }
  return parts;
}

function assistantParts(
  content: AssistantContentPart[],
  warnings: Warning[],
  options: ToGoogleContentsOptions,
): GooglePart[] {
  const parts: GooglePart[] = [];
  let signedCall = false;
  for (const part of content) {
    const signature =
      'providerOptions' in part ? thoughtSignatureOf(part.providerOptions, options.provider) : undefined;
    const signed = (value: GooglePart): GooglePart =>
      signature === undefined ? value : { ...value, thoughtSignature: signature };
    switch (part.type) {
      case 'text':
        if (part.text !== '' || signature !== undefined) parts.push(signed({ text: part.text }));
        break;
      case 'refusal':
        if (part.text !== '') parts.push({ text: part.text });
        break;
      case 'reasoning':
        // Only Gemini's own thoughts go back (with their signature); another model's reasoning
        // (and its signature) means nothing to Gemini.
        if (signature !== undefined) parts.push(signed({ text: part.text, thought: true }));
        break;
      case 'tool-call': {
        const call: GooglePart = {
          functionCall: {
            ...(options.functionCallIds && !synthesizedId.test(part.toolCallId) && { id: part.toolCallId }),
            name: part.toolName,
            args: parseArguments(part.input, part.toolName, warnings),
          },
        };
        if (signature !== undefined) {
          call.thoughtSignature = signature;
          signedCall = true;
        } else if (options.gemini3 && !signedCall) {
          // Gemini 3 signs the first call of a turn only; a turn whose signature was lost gets
          // the documented placeholder.
          call.thoughtSignature = SKIP_THOUGHT_SIGNATURE;
          signedCall = true;
          warnOnce(warnings, {
            type: 'compatibility',
            feature: 'thoughtSignature',
            details: `Gemini 3 needs the thought signature of earlier function calls; one was missing, so '${SKIP_THOUGHT_SIGNATURE}' was sent`,
          });
        }
        parts.push(call);
        break;
      }
    }
  }
  return parts;
}

function toolOutputText(part: ToolResultPart): string {
  if (typeof part.output === 'string') return part.output;
  return part.output
    .filter((item) => item.type === 'text')
    .map((item) => item.text)
    .join('\n');
}

function toolParts(
  content: ToolResultPart[],
  names: Map<string, string>,
  messageIndex: number,
  warnings: Warning[],
  options: ToGoogleContentsOptions,
): GooglePart[] {
  const responses: GooglePart[] = [];
  const media: GooglePart[] = [];
  content.forEach((part, index) => {
    const name = names.get(part.toolCallId);
    if (name === undefined) {
      const param = `messages[${messageIndex}].content[${index}].toolCallId`;
      throw new GatewayError(
        `Tool result '${part.toolCallId}' answers no earlier tool call; Gemini matches results to calls by function name.`,
        { status: 400, type: 'invalid_request_error', code: 'invalid_tool_result', param },
      );
    }
    const text = toolOutputText(part);
    responses.push({
      functionResponse: {
        ...(options.functionCallIds && !synthesizedId.test(part.toolCallId) && { id: part.toolCallId }),
        name,
        response: part.isError === true ? { error: text } : { output: text },
      },
    });
    if (typeof part.output !== 'string') {
      for (const item of part.output) {
        if (item.type !== 'image') continue;
        const image = toGoogleMediaPart(item.source, item.mediaType, 'image/jpeg', warnings, options);
        if (image) media.push(image);
      }
    }
  });
  // Images a tool returned follow the function responses of the same turn.
  return [...responses, ...media];
}

/**
 * Converts canonical messages to Gemini's `contents` and `systemInstruction`:
 *
 * - system messages -> `systemInstruction.parts` (one found after the conversation started is
 *   moved there too, with a `compatibility` warning);
 * - user -> a `user` turn: text parts, images and files as `inlineData` / `fileData`;
 * - assistant -> a `model` turn: text, function calls (`args` parsed from the JSON input), and
 *   Gemini's own thoughts with their `thoughtSignature` (kept in the parts' `providerOptions`);
 * - tool -> a `user` turn of `functionResponse` parts (`{output}`, or `{error}` for a failed
 *   call), the function name found from the call with the same id earlier in the conversation;
 *   a result for an unknown call is a 400 naming it.
 *
 * Consecutive turns of the same role are merged (a tool turn and the user text after it); empty
 * text is left out (Gemini rejects empty text parts) and a turn left empty is dropped.
 */
export function toGoogleContents(
  messages: Message[],
  warnings: Warning[],
  options: ToGoogleContentsOptions,
): GoogleConversation {
  const system: Array<{ text: string }> = [];
  const contents: GoogleContent[] = [];
  const names = new Map<string, string>();
  const push = (role: GoogleContent['role'], parts: GooglePart[]) => {
    if (parts.length === 0) return;
    const last = contents.at(-1);
    if (last?.role === role) last.parts.push(...parts);
    else contents.push({ role, parts });
  };
  messages.forEach((message, messageIndex) => {
    switch (message.role) {
      case 'system':
        if (contents.length > 0)
          warnOnce(warnings, {
            type: 'compatibility',
            feature: 'system message position',
            details: 'Gemini has one system instruction: later system messages were moved into it',
          });
        for (const part of message.content) if (part.text !== '') system.push({ text: part.text });
        break;
      case 'user':
        push('user', userParts(message.content, warnings, options));
        break;
      case 'assistant':
        for (const part of message.content)
          if (part.type === 'tool-call') names.set(part.toolCallId, part.toolName);
        push('model', assistantParts(message.content, warnings, options));
        break;
      case 'tool':
        push('user', toolParts(message.content, names, messageIndex, warnings, options));
        break;
    }
  });
  return system.length === 0 ? { contents } : { contents, systemInstruction: { parts: system } };
}
