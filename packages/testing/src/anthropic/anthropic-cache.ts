import { createHash } from 'node:crypto';
import { asArray, canonicalJson, isRecord } from '../fake/json.js';
import { estimateTokens } from '../fake/tokens.js';

/** Token usage of a request as Anthropic reports it with prompt caching. */
export interface PromptCacheUsage {
  /** Input tokens after the last cache breakpoint (neither read nor written). */
  inputTokens: number;
  cacheCreationInputTokens: number;
  cacheReadInputTokens: number;
  /** `usage.cache_creation`: written tokens by TTL. */
  cacheCreation: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
}

/** Options of the prompt cache simulation. */
export interface PromptCacheOptions {
  /** Milliseconds clock; default `Date.now`. */
  now?: () => number;
  /** Shortest prefix (in tokens) that may be cached; the real API wants 1024 to 4096. Default 0. */
  minTokens?: number;
}

interface Segment {
  tokens: number;
  /** Hash of every segment up to and including this one. */
  hash: string;
  /** The TTL when the block carries a `cache_control` breakpoint. */
  ttl: '5m' | '1h' | undefined;
}

const ttlMs = { '5m': 5 * 60_000, '1h': 60 * 60_000 };
/** How many blocks before a breakpoint the real API looks back for a cached prefix. */
const lookback = 20;

function withoutCacheControl(block: unknown): { value: unknown; ttl: Segment['ttl'] } {
  if (!isRecord(block)) return { value: block, ttl: undefined };
  const { cache_control: cacheControl, ...rest } = block;
  const content = Array.isArray(rest.content)
    ? rest.content.map((item) => withoutCacheControl(item).value)
    : rest.content;
  const ttl = isRecord(cacheControl) ? (cacheControl.ttl === '1h' ? '1h' : '5m') : undefined;
  return { value: { ...rest, content }, ttl };
}

/** The prompt as cacheable blocks in the real API's order: tools, then system, then messages. */
function segmentsOf(body: Record<string, unknown>): Segment[] {
  const blocks: Array<{ value: unknown; ttl: Segment['ttl'] }> = [];
  for (const tool of asArray(body.tools)) blocks.push(withoutCacheControl(tool));
  const system =
    typeof body.system === 'string' ? [{ type: 'text', text: body.system }] : asArray(body.system);
  for (const block of system) blocks.push(withoutCacheControl(block));
  for (const message of asArray(body.messages)) {
    if (!isRecord(message)) continue;
    const content =
      typeof message.content === 'string'
        ? [{ type: 'text', text: message.content }]
        : asArray(message.content);
    for (const block of content) {
      const { value, ttl } = withoutCacheControl(block);
      blocks.push({ value: { role: message.role, block: value }, ttl });
    }
  }
  let hash = '';
  return blocks.map(({ value, ttl }) => {
    const text = canonicalJson(value);
    hash = createHash('sha256').update(hash).update(text).digest('hex');
    return { tokens: estimateTokens(text), hash, ttl };
  });
}

/** Input tokens of a Messages request: its tools, system and messages, 4 characters a token. */
export function anthropicInputTokens(body: Record<string, unknown>): number {
  return segmentsOf(body).reduce((sum, segment) => sum + segment.tokens, 0);
}

/**
 * Simulates Anthropic prompt caching. The prefix up to each `cache_control` breakpoint (tools,
 * system, messages, in that order) is written on first sight and read by later requests with the
 * same prefix within its TTL (5 minutes, or 1 hour with `ttl: '1h'`; a read refreshes it). Like
 * the real API, a breakpoint also finds prefixes cached up to 20 blocks before it.
 */
export class PromptCache {
  private readonly entries = new Map<string, { expiresAt: number; ttl: number }>();
  private readonly now: () => number;
  private readonly minTokens: number;

  constructor(options: PromptCacheOptions = {}) {
    this.now = options.now ?? Date.now;
    this.minTokens = options.minTokens ?? 0;
  }

  /** Accounts one request: returns its usage, records the prefixes it writes and refreshes reads. */
  account(body: Record<string, unknown>): PromptCacheUsage {
    const segments = segmentsOf(body);
    const cumulative: number[] = [];
    segments.reduce((sum, segment, index) => (cumulative[index] = sum + segment.tokens), 0);
    const total = cumulative.at(-1) ?? 0;
    const now = this.now();
    for (const [hash, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(hash);

    const breakpoints = segments.flatMap((segment, index) => (segment.ttl ? [index] : []));
    let read = -1;
    for (const breakpoint of breakpoints) {
      for (let position = breakpoint; position >= Math.max(0, breakpoint - lookback + 1); position -= 1) {
        if (position > read && this.entries.has(segments[position]?.hash ?? '')) {
          read = position;
          break;
        }
      }
    }
    const readTokens = read >= 0 ? (cumulative[read] ?? 0) : 0;
    const readEntry = read >= 0 ? this.entries.get(segments[read]?.hash ?? '') : undefined;
    if (readEntry) readEntry.expiresAt = now + readEntry.ttl;

    const creation = { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 };
    let written = read;
    for (const breakpoint of breakpoints) {
      const segment = segments[breakpoint];
      const prefixTokens = cumulative[breakpoint] ?? 0;
      if (!segment?.ttl || breakpoint <= written || prefixTokens < this.minTokens) continue;
      const tokens = prefixTokens - (written >= 0 ? (cumulative[written] ?? 0) : 0);
      if (segment.ttl === '1h') creation.ephemeral_1h_input_tokens += tokens;
      else creation.ephemeral_5m_input_tokens += tokens;
      this.entries.set(segment.hash, { expiresAt: now + ttlMs[segment.ttl], ttl: ttlMs[segment.ttl] });
      written = breakpoint;
    }
    const writeTokens = creation.ephemeral_5m_input_tokens + creation.ephemeral_1h_input_tokens;
    return {
      inputTokens: total - readTokens - writeTokens,
      cacheCreationInputTokens: writeTokens,
      cacheReadInputTokens: readTokens,
      cacheCreation: creation,
    };
  }

  /** Forgets every cached prefix. */
  clear(): void {
    this.entries.clear();
  }
}
