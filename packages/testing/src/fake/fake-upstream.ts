import type { Faults } from '@signalbox/provider-mock';

/** One request a fake upstream received, as it came (header names lower-case). */
export interface RecordedRequest {
  method: string;
  /** The path with its query string, e.g. `/v1/chat/completions`. */
  path: string;
  headers: Record<string, string>;
  /** The JSON body parsed, the raw text when it was not JSON, or undefined when there was none. */
  body: unknown;
}

/** Live counts of what a fake upstream saw. */
export interface FakeUpstreamCounters {
  /** Requests received since start (or the last `reset()`). */
  requests: number;
  /** Requests whose client closed the connection before the response finished. */
  aborted: number;
  /** Requests being answered right now. */
  inFlight: number;
}

/** A fake provider API listening on `127.0.0.1` on a free port. */
export interface FakeUpstream {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  readonly url: string;
  /** `url + '/v1'`, what OpenAI-style SDKs take as `baseURL`. */
  readonly baseURL: string;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  readonly counters: FakeUpstreamCounters;
  /**
   * Fault directives applied to every request on top of those in its model id (the override's
   * fields win); `undefined` removes the override.
   */
  setFault(faults?: Faults): void;
  /** Forgets recorded requests, counts, the fault override, flaky counts and cached prompts. */
  reset(): void;
  /** Stops listening and destroys every open socket, hung ones included. */
  close(): Promise<void>;
}

/** Options every fake upstream takes. */
export interface FakeUpstreamOptions {
  /** The API key requests must carry. */
  apiKey?: string;
  /** Validate request bodies as strictly as the real API (default true). */
  validate?: boolean;
  /** Model ids listed by `GET /v1/models`. */
  models?: string[];
}
