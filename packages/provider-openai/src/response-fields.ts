import {
  fromOpenAIChatResponse,
  fromOpenAIChatStream,
  type GenerateResult,
  type SseEvent,
  type StreamPart,
  type Warning,
} from '@signalbox/core';

/** Options of {@link withResponseFields}. */
export interface ResponseFieldsOptions {
  /** The `providerMetadata` key the fields go under (`azure`, `perplexity`). */
  key: string;
  /**
   * Picks the fields to keep from a completion body or a stream chunk (parsed JSON); undefined
   * or `{}` keeps nothing. In streams, later chunks' fields replace earlier ones.
   */
  pick: (json: Record<string, unknown>) => Record<string, unknown> | undefined;
  /** A substring (or one of several) every stream chunk with such fields contains: other chunks are not parsed twice. */
  marker: string | readonly string[];
  /** Stream chunks that carry only such fields and no completion data, left out of the stream. */
  skip?: (json: Record<string, unknown>) => boolean;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function picked(options: ResponseFieldsOptions, json: unknown): Record<string, unknown> | undefined {
  if (!isObject(json)) return undefined;
  const fields = options.pick(json);
  return fields === undefined || Object.keys(fields).length === 0 ? undefined : fields;
}

/**
 * Decoders for `createOpenAI({ decodeResponse, decodeStream })` that keep response fields the
 * OpenAI codec has no slot for (Azure's content-filter results, Perplexity's citations) in
 * `providerMetadata[key]`: of the result, and of the stream's `finish` part. Everything else is
 * core's `fromOpenAIChatResponse` / `fromOpenAIChatStream`.
 */
export function withResponseFields(options: ResponseFieldsOptions): {
  /** Decodes a completion body, with the picked fields in `providerMetadata[key]`. */
  decodeResponse: (body: unknown, warnings: Warning[]) => GenerateResult;
  /** Decodes a completion stream, with the picked fields in the `finish` part's `providerMetadata[key]`. */
  decodeStream: (events: AsyncIterable<SseEvent>, warnings: Warning[]) => AsyncIterable<StreamPart>;
} {
  const { key } = options;
  const markers = typeof options.marker === 'string' ? [options.marker] : options.marker;
  return {
    decodeResponse(body, warnings) {
      const result = fromOpenAIChatResponse(body, warnings);
      const fields = picked(options, body);
      if (fields)
        result.providerMetadata = {
          ...result.providerMetadata,
          [key]: { ...result.providerMetadata?.[key], ...fields },
        };
      return result;
    },
    async *decodeStream(events, warnings) {
      let captured: Record<string, unknown> | undefined;
      async function* tapped(): AsyncGenerator<SseEvent> {
        for await (const event of events) {
          if (markers.some((marker) => event.data.includes(marker))) {
            let json: unknown;
            try {
              json = JSON.parse(event.data);
            } catch {
              json = undefined;
            }
            const fields = picked(options, json);
            if (fields) captured = { ...captured, ...fields };
            if (isObject(json) && options.skip?.(json)) continue;
          }
          yield event;
        }
      }
      for await (const part of fromOpenAIChatStream(tapped(), warnings)) {
        if (part.type === 'finish' && captured !== undefined) {
          yield {
            ...part,
            providerMetadata: {
              ...part.providerMetadata,
              [key]: { ...part.providerMetadata?.[key], ...captured },
            },
          };
        } else yield part;
      }
    },
  };
}
