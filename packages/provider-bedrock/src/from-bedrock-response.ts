import {
  GatewayError,
  type GenerateResult,
  type ProviderMetadata,
  type ResultContentPart,
  type Warning,
} from '@signalbox/core';
import { z } from 'zod';
import { convertBedrockUsage } from './convert-bedrock-usage.js';
import { mapBedrockStopReason } from './map-bedrock-stop-reason.js';

const blockSchema = z.looseObject({
  text: z.string().optional(),
  toolUse: z.looseObject({ toolUseId: z.string(), name: z.string(), input: z.unknown() }).optional(),
  reasoningContent: z
    .looseObject({
      reasoningText: z.looseObject({ text: z.string(), signature: z.string().optional() }).optional(),
      redactedContent: z.string().optional(),
    })
    .optional(),
});

/** The body of a Converse answer, loosely: unknown fields are kept, not rejected. */
export const bedrockConverseResponseSchema = z.looseObject({
  output: z.looseObject({
    message: z.looseObject({ role: z.string().optional(), content: z.array(blockSchema) }),
  }),
  stopReason: z.string().optional(),
  usage: z.looseObject({}).optional(),
  metrics: z.unknown().optional(),
  additionalModelResponseFields: z.unknown().optional(),
  trace: z.unknown().optional(),
  performanceConfig: z.unknown().optional(),
  serviceTier: z.unknown().optional(),
});

/** Fields kept in `providerMetadata.bedrock` when the answer has them. */
const metadataKeys = [
  'metrics',
  'additionalModelResponseFields',
  'trace',
  'performanceConfig',
  'serviceTier',
] as const;

/** What Bedrock returned beside the content, for `providerMetadata.bedrock`. */
export function bedrockMetadataOf(source: Record<string, unknown>): ProviderMetadata | undefined {
  const bedrock: Record<string, unknown> = {};
  for (const key of metadataKeys) if (source[key] !== undefined) bedrock[key] = source[key];
  const fields = source.additionalModelResponseFields;
  const delta =
    typeof fields === 'object' && fields !== null ? (fields as Record<string, unknown>).delta : undefined;
  const stopSequence =
    typeof delta === 'object' && delta !== null
      ? (delta as Record<string, unknown>).stop_sequence
      : undefined;
  if (typeof stopSequence === 'string') bedrock.stopSequence = stopSequence;
  return Object.keys(bedrock).length === 0 ? undefined : { bedrock };
}

/**
 * Converts a Converse answer to a canonical result: text, reasoning (signed text, or redacted
 * content as `redactedData`) and tool calls (input as JSON text) in the order Bedrock sent them;
 * the stop reason, usage (cache reads and writes included), `modelId`, and `metrics`, `trace`,
 * the matched stop sequence... in `providerMetadata.bedrock`. A body that is not a Converse
 * answer throws a retryable 502 `GatewayError`.
 */
export function fromBedrockResponse(
  json: unknown,
  options: { warnings: Warning[]; modelId: string },
): GenerateResult {
  const parsed = bedrockConverseResponseSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') ?? '';
    throw new GatewayError(
      `Upstream returned an invalid Converse response: ${where === '' ? 'not a JSON object' : `${where}: ${issue?.message}`}`,
      { status: 502, type: 'upstream_error', isRetryable: true, cause: parsed.error },
    );
  }
  const answer = parsed.data;
  const content: ResultContentPart[] = [];
  for (const block of answer.output.message.content) {
    if (block.text !== undefined) content.push({ type: 'text', text: block.text });
    else if (block.toolUse !== undefined)
      content.push({
        type: 'tool-call',
        toolCallId: block.toolUse.toolUseId,
        toolName: block.toolUse.name,
        input: JSON.stringify(block.toolUse.input ?? {}),
      });
    else if (block.reasoningContent?.reasoningText !== undefined) {
      const { text, signature } = block.reasoningContent.reasoningText;
      content.push({ type: 'reasoning', text, ...(signature !== undefined && { signature }) });
    } else if (block.reasoningContent?.redactedContent !== undefined)
      content.push({ type: 'reasoning', text: '', redactedData: block.reasoningContent.redactedContent });
  }
  const providerMetadata = bedrockMetadataOf(answer);
  return {
    content,
    finishReason: mapBedrockStopReason(answer.stopReason),
    usage: convertBedrockUsage(answer.usage),
    warnings: options.warnings,
    response: { modelId: options.modelId },
    ...(providerMetadata && { providerMetadata }),
  };
}
