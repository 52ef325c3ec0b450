import { aggregateRecords } from './aggregate-records.js';
import { compareNewestFirst, decodeCursor, encodeCursor, matchesQuery } from './log-filter.js';
import type { RequestLogRecord } from './log-record.js';
import type { LogPage, LogQuery, LogStore, UsageQuery, UsageReport } from './log-store.js';

/** Options of `MemoryLogStore`. */
export interface MemoryLogStoreOptions {
  /** Records kept; the oldest are overwritten beyond it. Default 10,000. */
  capacity?: number;
  /** Records older than this (by start time) are pruned on write; default: kept until overwritten. */
  maxAgeMs?: number;
  /** Time source for the retention; default `Date.now`. */
  now?: () => number;
}

/**
 * The request log in this process's memory (the default): a ring buffer of the last `capacity`
 * records, lost on restart and not shared between processes. Aggregates are computed on read.
 */
export class MemoryLogStore implements LogStore {
  private readonly ring: Array<RequestLogRecord | undefined>;
  private readonly byId = new Map<string, RequestLogRecord>();
  private next = 0;
  private readonly maxAgeMs: number | undefined;
  private readonly now: () => number;

  constructor(options: MemoryLogStoreOptions = {}) {
    const capacity = options.capacity ?? 10_000;
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new TypeError(`MemoryLogStore capacity must be a positive integer, got ${capacity}`);
    }
    this.ring = new Array(capacity);
    this.maxAgeMs = options.maxAgeMs;
    this.now = options.now ?? Date.now;
  }

  /** How many records are held. */
  get size(): number {
    return this.byId.size;
  }

  async write(records: readonly RequestLogRecord[]): Promise<void> {
    for (const record of records) {
      if (this.byId.has(record.generationId)) continue;
      const evicted = this.ring[this.next];
      if (evicted) this.byId.delete(evicted.generationId);
      this.ring[this.next] = record;
      this.byId.set(record.generationId, record);
      this.next = (this.next + 1) % this.ring.length;
    }
    if (this.maxAgeMs !== undefined) await this.prune();
  }

  /** The record of one generation, or undefined. */
  async get(generationId: string): Promise<RequestLogRecord | undefined> {
    return this.byId.get(generationId);
  }

  /** Records matching the filters, newest first, a page at a time. */
  async list(query: LogQuery = {}): Promise<LogPage> {
    const limit = query.limit ?? 50;
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const matching = [...this.byId.values()]
      .filter(
        (record) =>
          matchesQuery(record, query) && (after === undefined || compareNewestFirst(after, record) < 0),
      )
      .sort(compareNewestFirst);
    const records = matching.slice(0, limit);
    const last = records.at(-1);
    return {
      records,
      nextCursor:
        matching.length > limit && last
          ? encodeCursor({ time: last.time, generationId: last.generationId })
          : null,
    };
  }

  /** Aggregates computed over the records in memory. */
  async usage(query: UsageQuery): Promise<UsageReport> {
    return aggregateRecords(this.byId.values(), query);
  }

  /** Drops records older than `maxAgeMs`; resolves to how many. */
  async prune(): Promise<number> {
    if (this.maxAgeMs === undefined) return 0;
    const cutoff = this.now() - this.maxAgeMs;
    let removed = 0;
    this.ring.forEach((record, index) => {
      if (record && Date.parse(record.time) < cutoff) {
        this.ring[index] = undefined;
        this.byId.delete(record.generationId);
        removed += 1;
      }
    });
    return removed;
  }
}
