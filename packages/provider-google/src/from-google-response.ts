import {
  GatewayError,
  type GenerateResult,
  type ProviderMetadata,
  type ResponseInfo,
  type ResultContentPart,
  type Warning,
} from '@signalbox/core';
import { convertGoogleUsage } from './convert-google-usage.js';
import { toOpenAILogprobs } from './google-logprobs.js';
import { signatureOptions } from './google-part-options.js';
import { mapGoogleFinishReason } from './map-google-finish-reason.js';
import {
  functionCallInput,
  type GoogleChunk,
  type GoogleOutputPart,
  readGoogleChunk,
  synthesizeToolCallId,
} from './read-google-chunk.js';

/** Options of {@link fromGoogleResponse}. */
export interface FromGoogleResponseOptions {
  /** Warnings from translating the request. */
  warnings: Warning[];
  /** The provider name: the key of `providerMetadata` and of the parts' thought signatures. */
  provider: string;
  /** The model asked for, when the answer has no `modelVersion`. */
  modelId?: string;
}

/** Output parts with no canonical slot, summarised for metadata (inline data without its bytes). */
export function omittedPart(part: Extract<GoogleOutputPart, { kind: 'other' }>): Record<string, unknown> {
  const inline = part.part.inlineData;
  if (typeof inline === 'object' && inline !== null) {
    const { data, ...rest } = inline as Record<string, unknown>;
    return {
      inlineData: { ...rest, bytes: typeof data === 'string' ? Math.floor((data.length * 3) / 4) : 0 },
    };
  }
  return part.part;
}

/** `response-metadata` fields of a chunk. */
export function googleResponseInfo(chunk: GoogleChunk, modelId: string | undefined): ResponseInfo {
  const info: ResponseInfo = {};
  if (chunk.responseId !== undefined) info.id = chunk.responseId;
  const model = chunk.modelVersion ?? modelId;
  if (model !== undefined) info.modelId = model;
  if (chunk.created !== undefined) info.created = chunk.created;
  return info;
}

function contentOf(chunk: GoogleChunk, provider: string, omitted: unknown[]): ResultContentPart[] {
  const content: ResultContentPart[] = [];
  let calls = 0;
  for (const part of chunk.parts) {
    const providerOptions = signatureOptions(part.signature, provider);
    const withOptions = <T extends ResultContentPart>(value: T): T =>
      providerOptions === undefined ? value : { ...value, providerOptions };
    switch (part.kind) {
      case 'text':
        if (part.text !== '' || providerOptions !== undefined)
          content.push(withOptions({ type: 'text', text: part.text }));
        break;
      case 'reasoning':
        content.push(withOptions({ type: 'reasoning', text: part.text }));
        break;
      case 'function-call':
        content.push(
          withOptions({
            type: 'tool-call',
            toolCallId: part.id ?? synthesizeToolCallId(calls),
            toolName: part.name,
            input: functionCallInput(part.args),
          }),
        );
        calls += 1;
        break;
      case 'other':
        omitted.push(omittedPart(part));
        break;
    }
  }
  return content;
}

/**
 * Converts a Gemini `generateContent` answer to a canonical result: the first candidate's parts
 * (text; thought summaries as reasoning; function calls as tool calls, with the API's id or a
 * synthesised `call_<index>`, and `args` as JSON text), each part's `thoughtSignature` in its
 * `providerOptions.<provider>` (sent back on the next turn), the finish reason (`STOP` with
 * function calls is `tool-calls`; a blocked prompt, `promptFeedback.blockReason`, is
 * `content-filter` with no content), usage, logprobs in OpenAI's shape, and what has no
 * canonical slot (safety ratings, prompt feedback, grounding and citation metadata, output parts
 * such as inline images or executed code) in `providerMetadata.<provider>`.
 *
 * A body that is not a JSON object throws a 502 `GatewayError`.
 */
export function fromGoogleResponse(value: unknown, options: FromGoogleResponseOptions): GenerateResult {
  const chunk = readGoogleChunk(value);
  if (chunk === undefined)
    throw new GatewayError(`${options.provider} returned a body that is not a generateContent response.`, {
      status: 502,
      type: 'upstream_error',
    });
  const omitted: unknown[] = [];
  const content = contentOf(chunk, options.provider, omitted);
  const hasToolCalls = content.some((part) => part.type === 'tool-call');
  const result: GenerateResult = {
    content,
    finishReason: mapGoogleFinishReason(chunk.finishReason ?? chunk.blockReason, { hasToolCalls }),
    usage: convertGoogleUsage(chunk.usageMetadata),
    warnings: options.warnings,
    response: googleResponseInfo(chunk, options.modelId),
  };
  const logprobs = toOpenAILogprobs(chunk.logprobsResult);
  if (logprobs !== undefined) result.logprobs = logprobs;
  const metadata: Record<string, unknown> = { ...chunk.metadata };
  if (omitted.length > 0) metadata.omittedParts = omitted;
  if (Object.keys(metadata).length > 0)
    result.providerMetadata = { [options.provider]: metadata } as ProviderMetadata;
  return result;
}
