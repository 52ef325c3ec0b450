import type { StreamPart } from '@signalbox/core';
import { jsonBytes } from './cache-entry.js';

/** Options of {@link StreamBroadcast}. */
export interface StreamBroadcastOptions {
  /**
   * Bytes (the parts' JSON) kept for late joiners and for the cache entry. Past it the stream is
   * no longer joinable or cacheable, and parts every subscriber has read are dropped.
   */
  maxBytes: number;
  /** Parts the slowest subscriber may lag behind before the pump waits for it; default 256. */
  highWaterMark?: number;
}

/** How a subscriber ends: called once, however it ends. */
export type SubscriberEnd = () => void;

/**
 * One upstream stream shared by several clients, in this process: every part is kept in order
 * (up to `maxBytes`), each subscriber reads from the first part at its own pace, so a client
 * that joins late still receives every part. The writer (`push`, `end`) is a pump that reads the
 * upstream; `waitForRoom` gives it backpressure from the slowest subscriber.
 */
export class StreamBroadcast {
  /** Parts still held; `parts[0]` is part number `offset`. */
  private parts: StreamPart[] = [];
  private offset = 0;
  private ended = false;
  private bytes = 0;
  private overLimit = false;
  private readonly cursors = new Map<number, number>();
  private nextSubscriber = 0;
  private wake: Array<() => void> = [];
  private roomWaiter: (() => void) | undefined;
  private readonly highWaterMark: number;

  constructor(private readonly options: StreamBroadcastOptions) {
    this.highWaterMark = options.highWaterMark ?? 256;
  }

  /** Whether a new subscriber can still receive every part (the stream is within `maxBytes`). */
  get joinable(): boolean {
    return !this.overLimit;
  }

  /** Every part, when the stream stayed within `maxBytes`; undefined otherwise. */
  get recorded(): readonly StreamPart[] | undefined {
    return this.overLimit ? undefined : this.parts;
  }

  /** Subscribers reading now. */
  get subscribers(): number {
    return this.cursors.size;
  }

  push(part: StreamPart): void {
    if (this.ended) return;
    this.parts.push(part);
    if (!this.overLimit) {
      this.bytes += jsonBytes(part);
      if (this.bytes > this.options.maxBytes) this.overLimit = true;
    }
    this.compact();
    this.notify();
  }

  end(): void {
    this.ended = true;
    this.notify();
  }

  /**
   * Resolves when the slowest subscriber is within the high-water mark of the newest part (or
   * there are no subscribers, or `signal` aborts).
   */
  waitForRoom(signal: AbortSignal): Promise<void> {
    if (this.hasRoom() || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        signal.removeEventListener('abort', done);
        this.roomWaiter = undefined;
        resolve();
      };
      this.roomWaiter = done;
      signal.addEventListener('abort', done, { once: true });
    });
  }

  /**
   * A reader of the whole stream from its first part, registered at once (so no part it needs
   * is dropped before it starts). `map` changes what this subscriber sees (hits report 0 usage);
   * it stops early, without an error, when `signal` aborts. `onEnd` runs once when it stops,
   * however it stops (also when it is never read and `signal` aborts). Throws when the stream is
   * no longer {@link joinable}.
   */
  subscribe(
    signal: AbortSignal,
    onEnd: SubscriberEnd,
    map: (part: StreamPart) => StreamPart = (part) => part,
  ): AsyncGenerator<StreamPart> {
    if (!this.joinable) throw new Error('StreamBroadcast: the stream is no longer joinable');
    const id = this.nextSubscriber++;
    this.cursors.set(id, this.offset);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      signal.removeEventListener('abort', release);
      this.cursors.delete(id);
      this.advanced();
      onEnd();
    };
    signal.addEventListener('abort', release, { once: true });
    return this.read(id, signal, release, map);
  }

  private async *read(
    id: number,
    signal: AbortSignal,
    release: () => void,
    map: (part: StreamPart) => StreamPart,
  ): AsyncGenerator<StreamPart> {
    try {
      let cursor = this.cursors.get(id) ?? this.offset;
      for (;;) {
        if (signal.aborted) return;
        if (cursor < this.offset + this.parts.length) {
          const part = this.parts[cursor - this.offset] as StreamPart;
          cursor += 1;
          this.cursors.set(id, cursor);
          this.advanced();
          yield map(part);
          continue;
        }
        if (this.ended) return;
        await this.nextChange(signal);
      }
    } finally {
      release();
    }
  }

  private nextChange(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        signal.removeEventListener('abort', done);
        resolve();
      };
      this.wake.push(done);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  private notify(): void {
    const waiting = this.wake;
    if (waiting.length === 0) return;
    this.wake = [];
    for (const resolve of waiting) resolve();
  }

  private slowest(): number {
    let slowest = this.offset + this.parts.length;
    for (const cursor of this.cursors.values()) if (cursor < slowest) slowest = cursor;
    return slowest;
  }

  private hasRoom(): boolean {
    return this.offset + this.parts.length - this.slowest() <= this.highWaterMark;
  }

  private advanced(): void {
    if (this.roomWaiter !== undefined && this.hasRoom()) this.roomWaiter();
    if (this.overLimit) this.compact();
  }

  /** Past the limit, nobody can join any more: drop the parts every subscriber has read. */
  private compact(): void {
    if (!this.overLimit) return;
    const drop = this.slowest() - this.offset;
    if (drop <= 0) return;
    this.parts.splice(0, drop);
    this.offset += drop;
  }
}
