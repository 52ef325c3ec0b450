import type { ResponseExtension, Warning, WireFormat } from '@signalbox/core';
import type { MetadataSource } from './metadata-source.js';
import { usageFields } from './openrouter-shape.js';
import type { MetadataStyles } from './select-styles.js';
import { type VercelGatewayMetadata, vercelGatewayMetadata } from './vercel-shape.js';

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
  return buildMetadataExtension(
    source,
    settings.styles,
    settings.format,
    settings.streamed,
    settings.nativeFinishReason,
    settings.warnings,
  );
}

/**
 * {@link metadataExtension} with its settings as arguments (the middleware's per-request path:
 * no settings object). Each part of the extension is created only when it gets a field.
 */
export function buildMetadataExtension(
  source: MetadataSource,
  styles: MetadataStyles,
  format: WireFormat,
  streamed: boolean,
  nativeFinishReason: string | undefined,
  warnings: Warning[] | undefined,
): ResponseExtension {
  let body: Record<string, unknown> | undefined;
  let message: Record<string, unknown> | undefined;
  let choice: Record<string, unknown> | undefined;
  if (styles.vercel) {
    const gateway: VercelGatewayMetadata & { warnings?: Warning[] } = vercelGatewayMetadata(source);
    // What the target could not express is reported, never silently dropped.
    if (warnings && warnings.length > 0) gateway.warnings = warnings;
    const providerMetadata = { gateway };
    if (format === 'openai') {
      message = { provider_metadata: providerMetadata };
      if (streamed) body = { generationId: source.generationId };
    } else {
      body = { provider_metadata: providerMetadata };
    }
  }
  if (styles.openrouter) {
    const resolved = source.resolved;
    if (resolved !== undefined) {
      if (resolved.provider !== undefined) {
        body ??= {};
        body.provider = resolved.provider;
      }
      if (resolved.model !== undefined && (format === 'openai' || !streamed)) {
        body ??= {};
        body.model = resolved.model;
      }
    }
    if (format === 'openai') choice = { native_finish_reason: nativeFinishReason ?? null };
  }
  const usage = usageFields(source, styles) as Record<string, unknown>;
  const extension: ResponseExtension = {};
  if (body !== undefined) extension.body = body;
  if (message !== undefined) extension.message = message;
  if (choice !== undefined) extension.choice = choice;
  if (hasKeys(usage)) extension.usage = usage;
  return extension;
}

function hasKeys(value: Record<string, unknown>): boolean {
  for (const key in value) if (Object.hasOwn(value, key)) return true;
  return false;
}
