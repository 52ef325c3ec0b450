import type { ResponseExtension, Warning, WireFormat } from '@signalbox/core';
import type { MetadataSource } from './metadata-source.js';
import { openrouterBodyFields, usageFields } from './openrouter-shape.js';
import type { MetadataStyles } from './select-styles.js';
import { vercelGatewayMetadata } from './vercel-shape.js';

/** What the extension depends on besides the context. */
export interface ExtensionSettings {
  styles: MetadataStyles;
  /** The client's wire format. */
  format: WireFormat;
  /** Whether the response is a stream (the extension then lands in the final chunk or event). */
  streamed: boolean;
  /** The provider's own finish reason (`end_turn`, `stop`...), when known. */
  nativeFinishReason: string | undefined;
  /** Settings the provider could not honour (from the result, or the stream's `stream-start`). */
  warnings?: Warning[];
}

function isEmpty(value: Record<string, unknown>): boolean {
  return Object.keys(value).length === 0;
}

/**
 * The response extension for the chosen styles, per endpoint.
 *
 * OpenAI (`/chat/completions`): Vercel's gateway object goes into `choices[0].message.provider_metadata`
 * (the final chunk's `delta.provider_metadata` in streams, plus a top-level `generationId` there);
 * OpenRouter's `provider` and `model` go to the top level (the final chunks in streams) and
 * `native_finish_reason` into `choices[0]`.
 *
 * Anthropic (`/messages`): the gateway object is the message's top-level `provider_metadata`
 * (the final `message_delta` event in streams), with `provider` beside it and `model` = the model
 * used on a non-streamed message (a `message_delta` event has no model field).
 *
 * Both: cost fields in `usage` (see `usageFields`); the provider's `warnings` in the gateway object.
 */
export function metadataExtension(source: MetadataSource, settings: ExtensionSettings): ResponseExtension {
  const { styles, format, streamed } = settings;
  const body: Record<string, unknown> = {};
  const message: Record<string, unknown> = {};
  const choice: Record<string, unknown> = {};
  if (styles.vercel) {
    const gateway: Record<string, unknown> = { ...vercelGatewayMetadata(source) };
    // What the target could not express is reported, never silently dropped.
    if (settings.warnings && settings.warnings.length > 0) gateway.warnings = settings.warnings;
    const providerMetadata = { gateway };
    if (format === 'openai') {
      message.provider_metadata = providerMetadata;
      if (streamed) body.generationId = source.generationId;
    } else {
      body.provider_metadata = providerMetadata;
    }
  }
  if (styles.openrouter) {
    const fields = openrouterBodyFields(source);
    if (fields.provider !== undefined) body.provider = fields.provider;
    if (fields.model !== undefined && (format === 'openai' || !streamed)) body.model = fields.model;
    if (format === 'openai') choice.native_finish_reason = settings.nativeFinishReason ?? null;
  }
  const usage = usageFields(source, styles) as Record<string, unknown>;
  const extension: ResponseExtension = {};
  if (!isEmpty(body)) extension.body = body;
  if (!isEmpty(message)) extension.message = message;
  if (!isEmpty(choice)) extension.choice = choice;
  if (!isEmpty(usage)) extension.usage = usage;
  return extension;
}
