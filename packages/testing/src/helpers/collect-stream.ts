import type { ResultContentPart, StreamPart } from '@signalbox/core';

/** Reads a model stream to its end and returns every part, in order. */
export async function collectStream(stream: AsyncIterable<StreamPart>): Promise<StreamPart[]> {
  const parts: StreamPart[] = [];
  for await (const part of stream) parts.push(part);
  return parts;
}

/**
 * The text of a result's content or of a stream's parts: `text` parts and `text-delta` deltas
 * joined in order (reasoning and tool input left out).
 */
export function textOf(parts: ReadonlyArray<StreamPart | ResultContentPart>): string {
  let text = '';
  for (const part of parts) {
    if (part.type === 'text') text += part.text;
    else if (part.type === 'text-delta') text += part.delta;
  }
  return text;
}
