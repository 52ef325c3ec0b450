import { randomUUID } from 'node:crypto';
import { GatewayError, type GenerateResult, type ResultContentPart, type Warning } from '@signalbox/core';
import { z } from 'zod';
import { convertCohereUsage } from './convert-cohere-usage.js';
import { mapCohereFinishReason } from './map-cohere-finish-reason.js';

/** The fields of a `POST /v2/chat` answer the adapter reads; everything else is kept and ignored. */
const cohereChatResponseSchema = z.looseObject({
  id: z.string().nullish(),
  finish_reason: z.string().nullish(),
  message: z.looseObject({
    role: z.string().optional(),
    content: z
      .array(
        z.looseObject({ type: z.string(), text: z.string().optional(), thinking: z.string().optional() }),
      )
      .nullish(),
    tool_plan: z.string().nullish(),
    tool_calls: z
      .array(
        z.looseObject({
          id: z.string().nullish(),
          function: z.looseObject({ name: z.string(), arguments: z.string().nullish() }),
        }),
      )
      .nullish(),
    citations: z.array(z.unknown()).nullish(),
  }),
  usage: z.unknown().optional(),
  logprobs: z.array(z.unknown()).nullish(),
});

/** Options of {@link fromCohereResponse}. */
export interface FromCohereResponseOptions {
  /** Warnings from translating the request, returned on the result. */
  warnings: Warning[];
  /** The model that was asked for (Cohere does not echo it). */
  modelId?: string;
  /** The key of `providerMetadata`; default `cohere`. */
  provider?: string;
}

/** A tool call id for a call Cohere sent without one. */
export function generateToolCallId(): string {
  return `call_${randomUUID().replaceAll('-', '').slice(0, 24)}`;
}

/** Tool arguments as JSON text: Cohere sends `null` (or nothing) for a tool without parameters. */
export function toolInput(argumentsText: string | null | undefined): string {
  const text = argumentsText?.trim() ?? '';
  return text === '' || text === 'null' ? '{}' : text;
}

/**
 * Converts a Cohere v2 chat response to a canonical result: `thinking` content -> reasoning,
 * `tool_plan` -> text (before the calls, as other providers put text before tool calls),
 * `text` content -> text, `tool_calls` -> tool calls (ids kept), `finish_reason` mapped with the
 * raw value kept, usage from `usage.tokens`. Citations and logprobs, which the canonical model
 * has no slot for, go to `providerMetadata[provider]`.
 *
 * Throws a 502 `GatewayError` when the body is not a chat response (the adapter attributes it to
 * the provider with `upstreamInvalidResponse`).
 */
export function fromCohereResponse(value: unknown, options: FromCohereResponseOptions): GenerateResult {
  const parsed = cohereChatResponseSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue?.path.join('.') || 'body';
    throw new GatewayError(`Cohere sent a chat response that could not be read (${at}: ${issue?.message}).`, {
      status: 502,
      type: 'upstream_error',
      code: 'upstream_invalid_response',
      cause: parsed.error,
    });
  }
  const { message, ...response } = parsed.data;
  const content: ResultContentPart[] = [];
  const items = message.content ?? [];
  for (const item of items) {
    if (item.type === 'thinking' && item.thinking) content.push({ type: 'reasoning', text: item.thinking });
  }
  if (message.tool_plan) content.push({ type: 'text', text: message.tool_plan });
  for (const item of items) {
    if (item.type === 'text' && item.text) content.push({ type: 'text', text: item.text });
  }
  for (const call of message.tool_calls ?? []) {
    content.push({
      type: 'tool-call',
      toolCallId: call.id || generateToolCallId(),
      toolName: call.function.name,
      input: toolInput(call.function.arguments),
    });
  }

  const metadata: Record<string, unknown> = {};
  if (message.citations && message.citations.length > 0) metadata.citations = message.citations;
  if (response.logprobs && response.logprobs.length > 0) metadata.logprobs = response.logprobs;
  const result: GenerateResult = {
    content,
    finishReason: mapCohereFinishReason(response.finish_reason),
    usage: convertCohereUsage(response.usage),
    warnings: options.warnings,
    response: {
      ...(response.id && { id: response.id }),
      ...(options.modelId !== undefined && { modelId: options.modelId }),
    },
  };
  if (Object.keys(metadata).length > 0)
    result.providerMetadata = { [options.provider ?? 'cohere']: metadata };
  return result;
}
