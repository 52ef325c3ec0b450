import { defineMiddleware, type GatewayMiddleware, tapStream, type Warning } from '@signalbox/core';
import { metadataHeaderNames, writeMetadataHeaders } from './headers.js';
import { buildMetadataExtension } from './metadata-extension.js';
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
  const requestHeader = `${settings.headerPrefix}metadata`;
  // Everything that depends only on the options, once.
  const headerNames = metadataHeaderNames(settings.headerPrefix);
  const allowRequestOverride = settings.allowRequestOverride;
  const defaults: MetadataStyles = { vercel: settings.vercel, openrouter: settings.openrouter };

  return defineMiddleware('metadata', async function metadata(context, next) {
    const styles = allowRequestOverride
      ? selectStyles(context.http.headers[requestHeader], defaults, requestHeader)
      : defaults;
    const shaped = styles.vercel || styles.openrouter;
    // Filled by the stream tap (created only for streams); a plain result carries its own.
    let observed: StreamObservations | undefined;
    if (shaped) {
      context.extenders.push((current) => {
        const result = current.result;
        return buildMetadataExtension(
          current,
          styles,
          current.format,
          current.request.stream === true,
          result?.finishReason.raw ?? observed?.nativeFinishReason,
          result?.warnings ?? observed?.warnings,
        );
      });
    }
    try {
      await next();
    } finally {
      // Also on failure: the error response then says how many attempts were made.
      writeMetadataHeaders(context.responseHeaders, context, headerNames);
    }
    // OpenRouter style: `model` is the model actually used, in every chunk of a stream too.
    if (styles.openrouter && context.resolved) context.responseModel = context.resolved.model;
    if (context.stream && shaped) {
      const seen: StreamObservations = {};
      observed = seen;
      context.stream = tapStream(context.stream, (part) => {
        if (part.type === 'finish') seen.nativeFinishReason = part.finishReason.raw;
        else if (part.type === 'stream-start') seen.warnings = part.warnings;
      });
    }
  });
}

/** What a stream tells the extension (a plain result carries both itself). */
interface StreamObservations {
  nativeFinishReason?: string;
  warnings?: Warning[];
}
