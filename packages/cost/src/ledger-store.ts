import type { LedgerEntry } from './ledger-entry.js';

/** Which entries to list, newest first. */
export interface LedgerQuery {
  principalId?: string;
  projectId?: string;
  /** ISO time: entries created at or after it. */
  since?: string;
  /** Default 100. */
  limit?: number;
}

/**
 * Where the ledger is kept. `insert` is idempotent by generation id: a second insert of the same
 * id writes nothing and resolves to false, so an entry is never counted twice.
 */
export interface LedgerStore {
  /** Writes an entry; false (and nothing written) when its generation id is already there. The store may keep the object: do not change it afterwards. */
  insert(entry: LedgerEntry): Promise<boolean>;
  /** The entry of one generation id (what `GET /generation?id=` answers), or undefined. */
  get(generationId: string): Promise<LedgerEntry | undefined>;
  /** Entries matching the query, newest first. */
  list(query?: LedgerQuery): Promise<LedgerEntry[]>;
  /** Creates tables and the like; called once before the first use. */
  init?(): Promise<void>;
  /** Releases what the store holds (called by the cost middleware's close hook). */
  close?(): Promise<void>;
}

/** Options of `MemoryLedgerStore`. */
export interface MemoryLedgerStoreOptions {
  /** Entries kept; the oldest are dropped beyond it. Default 10,000 (use Postgres for a full ledger). */
  maxEntries?: number;
}

/** The ledger in this process's memory (the default): bounded, lost on restart, not shared. */
export class MemoryLedgerStore implements LedgerStore {
  private readonly entries = new Map<string, LedgerEntry>();
  private readonly maxEntries: number;
  /**
   * The generation ids in the order they were written, once the store is full: a ring whose next
   * slot (`oldest`) holds the id to drop next. (Taking the Map's first key instead walks over the
   * slots of every entry deleted before it, a cost that grows with the store.)
   */
  private readonly order: string[] = [];
  private oldest = 0;

  constructor(options: MemoryLedgerStoreOptions = {}) {
    this.maxEntries = options.maxEntries ?? 10_000;
    if (!Number.isInteger(this.maxEntries) || this.maxEntries < 1) {
      throw new TypeError('MemoryLedgerStore maxEntries must be a positive integer');
    }
  }

  async insert(entry: LedgerEntry): Promise<boolean> {
    if (this.entries.has(entry.generationId)) return false;
    // The store takes ownership of the entry (the cost middleware builds a fresh one per request
    // and keeps no reference): no copy on the hot path. Reads hand out copies.
    this.entries.set(entry.generationId, entry);
    if (this.order.length < this.maxEntries) {
      this.order.push(entry.generationId);
    } else {
      const oldest = this.order[this.oldest] as string;
      this.entries.delete(oldest);
      this.order[this.oldest] = entry.generationId;
      this.oldest = (this.oldest + 1) % this.maxEntries;
    }
    return true;
  }

  async get(generationId: string): Promise<LedgerEntry | undefined> {
    const entry = this.entries.get(generationId);
    return entry && structuredClone(entry);
  }

  async list(query: LedgerQuery = {}): Promise<LedgerEntry[]> {
    const limit = query.limit ?? 100;
    const found: LedgerEntry[] = [];
    for (const entry of [...this.entries.values()].reverse()) {
      if (query.principalId !== undefined && entry.principalId !== query.principalId) continue;
      if (query.projectId !== undefined && entry.projectId !== query.projectId) continue;
      if (query.since !== undefined && Date.parse(entry.createdAt) < Date.parse(query.since)) continue;
      found.push(structuredClone(entry));
      if (found.length >= limit) break;
    }
    return found;
  }

  /** How many entries are kept. */
  get size(): number {
    return this.entries.size;
  }
}
