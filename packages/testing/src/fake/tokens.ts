/** Deterministic input-token estimate: one token per 4 characters, rounded up. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Output tokens of a reply: one per whitespace-separated word. */
export function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/**
 * Splits text into stream deltas, one word each with its leading whitespace, so that joining
 * the pieces gives the text back exactly.
 */
export function splitWords(text: string): string[] {
  return text.match(/\s*\S+|\s+$/g) ?? [];
}

/** Splits text into pieces of at most `size` characters (at least one piece, maybe empty). */
export function chunkText(text: string, size: number): string[] {
  if (text.length === 0) return [''];
  const pieces: string[] = [];
  for (let start = 0; start < text.length; start += size) pieces.push(text.slice(start, start + size));
  return pieces;
}
