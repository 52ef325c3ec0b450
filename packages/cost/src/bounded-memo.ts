/**
 * A memo of at most `maxEntries` results by string key: when full, it starts over empty (cheap,
 * and bounded whatever keys come). Remembers `undefined` results too (`has` tells them apart).
 */
export class BoundedMemo<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly maxEntries: number) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new TypeError('BoundedMemo maxEntries must be a positive integer');
    }
  }

  /** Whether a result is remembered for the key. */
  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** The remembered result (undefined also when none is: see `has`). */
  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  /** Remembers a result; forgets everything first when the memo is full. */
  set(key: string, value: V): void {
    if (this.entries.size >= this.maxEntries && !this.entries.has(key)) this.entries.clear();
    this.entries.set(key, value);
  }

  /** How many results are remembered. */
  get size(): number {
    return this.entries.size;
  }
}
