/** Event-loop delay of a server child, in milliseconds, since the last reset. */
export interface EventLoopDelay {
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** A server child's memory and event-loop figures. */
export interface ServerStats {
  /** Resident set size now, bytes. */
  rssBytes: number;
  /** Highest RSS sampled (every 100 ms) since the last reset, bytes. */
  peakRssBytes: number;
  /**
   * CPU time (user + system) the server process used since the last reset, in microseconds:
   * divided by the requests served, a cost per request that other load on the machine skews
   * far less than requests per second. Unknown for the peer gateway.
   */
  cpuMicros?: number;
  /** Unknown for a server that is not one of the harness's children (the peer gateway). */
  heapUsedBytes?: number;
  /** Memory of C++ objects bound to JS ones, Buffers and ArrayBuffers included (`process.memoryUsage().external`). */
  externalBytes?: number;
  eventLoop?: EventLoopDelay;
}

/** Messages the harness sends a server child over IPC. */
export type ParentMessage = { type: 'stats'; id: number } | { type: 'reset'; id: number } | { type: 'stop' };

/** Messages a server child sends the harness over IPC. */
export type ChildMessage =
  | { type: 'ready'; url: string; pid: number }
  | { type: 'stats'; id: number; stats: ServerStats }
  | { type: 'reset'; id: number }
  | { type: 'failed'; message: string };

/** True for a message a server child may send (IPC carries anything). */
export function isChildMessage(value: unknown): value is ChildMessage {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'ready' || type === 'stats' || type === 'reset' || type === 'failed';
}

/** True for a message the harness may send. */
export function isParentMessage(value: unknown): value is ParentMessage {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'stats' || type === 'reset' || type === 'stop';
}
