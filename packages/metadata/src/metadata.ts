import { defineMiddleware, type GatewayMiddleware, tapStream, type Warning } from '@signalbox/core';
import { metadataHeaders } from './headers.js';
import { metadataExtension } from './metadata-extension.js';
import { type MetadataOptions, parseMetadataOptions } from './metadata-options.js';
import { type MetadataStyles, selectStyles } from './select-styles.js';

/**
 * Writes what happened (routing, every attempt, cost, the provider and model that answered) into
 * responses in Vercel AI Gateway's and OpenRouter's shapes, on both endpoints, plain and
 * streamed, and into response headers. Place it outside the router (and inside cost and cache)
 * so it sees the attempts, the plan and the cost:
 *
 * @example
 * ```ts
 * createGateway({ providers, use: [auth(), cost(), cache(), metadata(), router()] });
 * ```
 *
 * A request picks its shapes with the `x-signalbox-metadata: none|vercel|openrouter|all` header
 * (unless `allowRequestOverride: false`); an unknown value is a 400 naming the header.
 */
export function metadata(options: MetadataOptions = {}): GatewayMiddleware {
  const settings = parseMetadataOptions(options);
  const prefix = settings.headerPrefix;
  const requestHeader = `${prefix}metadata`;
  const defaults: MetadataStyles = { vercel: settings.vercel, openrouter: settings.openrouter };

  return defineMiddleware('metadata', async function metadata(context, next) {
    const styles = settings.allowRequestOverride
      ? selectStyles(context.http.headers[requestHeader], defaults, requestHeader)
      : defaults;
    const observed: { nativeFinishReason?: string; warnings?: Warning[] } = {};
    if (styles.vercel || styles.openrouter) {
      context.extenders.push((current) =>
        metadataExtension(current, {
          styles,
          format: current.format,
          streamed: current.request.stream === true,
          nativeFinishReason: current.result?.finishReason.raw ?? observed.nativeFinishReason,
          warnings: current.result?.warnings ?? observed.warnings,
        }),
      );
    }
    try {
      await next();
    } finally {
      // Also on failure: the error response then says how many attempts were made.
      Object.assign(context.responseHeaders, metadataHeaders(context, prefix));
    }
    // OpenRouter style: `model` is the model actually used, in every chunk of a stream too.
    if (styles.openrouter && context.resolved) context.responseModel = context.resolved.model;
    if (context.stream && (styles.openrouter || styles.vercel)) {
      context.stream = tapStream(context.stream, (part) => {
        if (part.type === 'finish') observed.nativeFinishReason = part.finishReason.raw;
        else if (part.type === 'stream-start') observed.warnings = part.warnings;
      });
    }
  });
}
