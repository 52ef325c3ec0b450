import type { CacheEntry, ResolvedTarget } from './cache-entry.js';
import type { StreamBroadcast } from './stream-broadcast.js';

/** What the first request of a flight learnt, for the requests that joined it. */
export type FlightOutcome =
  /** A complete response: a stored entry (a store hit), or the leader's fresh non-streamed result. */
  | { type: 'entry'; entry: CacheEntry; fromStore: boolean }
  /** The leader's stream, shared as it arrives. */
  | { type: 'live'; broadcast: StreamBroadcast; source: LiveSource }
  /** The leader failed before any output; `retry`: a follower should try again itself. */
  | { type: 'failed'; error: unknown; retry: boolean }
  /** The leader's response cannot be shared (a middleware answered it itself): each goes alone. */
  | { type: 'unshared' };

/** What followers of a live stream report about it. */
export interface LiveSource {
  generationId: string;
  createdAt: number;
  resolved?: ResolvedTarget;
  responseModel?: string;
}

/** A hold on a flight: while any is held, the upstream call goes on. */
export interface Participation {
  /** Idempotent. */
  leave(): void;
}

/**
 * One upstream call shared by every identical request that arrives while it runs. The call runs
 * under the flight's own signal, which aborts only when every participating client has gone:
 * the first client leaving does not cut off the others.
 */
export class Flight {
  readonly outcome: Promise<FlightOutcome>;
  private resolveOutcome!: (outcome: FlightOutcome) => void;
  private readonly controller = new AbortController();
  private participants = 0;
  private settled = false;
  private finished = false;

  constructor(private readonly onAbandoned: (flight: Flight) => void = () => {}) {
    this.outcome = new Promise((resolve) => {
      this.resolveOutcome = resolve;
    });
  }

  /** The signal of the upstream call. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Publishes the outcome to the followers (once; later calls are ignored). */
  settle(outcome: FlightOutcome): void {
    if (this.settled) return;
    this.settled = true;
    this.resolveOutcome(outcome);
  }

  /** The upstream is no longer needed by anyone (its response is complete): participants leaving do not abort it. */
  finish(): void {
    this.finished = true;
  }

  /**
   * Counts a client in until it leaves or `signal` (its own client's) aborts. When the last one
   * leaves before the flight finished, the upstream call is aborted.
   */
  join(signal: AbortSignal): Participation {
    if (signal.aborted) return { leave() {} };
    this.participants += 1;
    let left = false;
    const leave = () => {
      if (left) return;
      left = true;
      signal.removeEventListener('abort', leave);
      this.participants -= 1;
      if (this.participants === 0 && !this.finished && !this.controller.signal.aborted) {
        this.controller.abort(new DOMException('Every client of the shared request went away', 'AbortError'));
        this.onAbandoned(this);
      }
    };
    signal.addEventListener('abort', leave, { once: true });
    return { leave };
  }
}

/** The flights in progress in this process, by cache key. */
export class FlightTable {
  private readonly flights = new Map<string, Flight>();

  get(key: string): Flight | undefined {
    return this.flights.get(key);
  }

  /** Starts a flight for `key`, replacing any there (which goes on for its own participants). */
  start(key: string): Flight {
    const flight = new Flight((abandoned) => this.end(key, abandoned));
    this.flights.set(key, flight);
    return flight;
  }

  /** Removes the flight, if it is still the one registered for `key`. */
  end(key: string, flight: Flight): void {
    if (this.flights.get(key) === flight) this.flights.delete(key);
  }

  get size(): number {
    return this.flights.size;
  }
}
