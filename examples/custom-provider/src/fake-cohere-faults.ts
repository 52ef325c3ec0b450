/**
 * Fault directives in a model id (`command-a-03-2025:status-429:retry-after-1`), the same
 * grammar as the fake upstreams of `@signalbox/testing` (which does not export its parser):
 *
 * | directive          | effect                                                             |
 * |--------------------|--------------------------------------------------------------------|
 * | `status-<code>`    | answer with that status, in Cohere's error shape                   |
 * | `retry-after-<s>`  | with a status: a `Retry-After` header                              |
 * | `flaky-<code>-<n>` | the first n requests for this exact model id fail with the status  |
 * | `delay-<ms>`       | wait before answering                                              |
 * | `drip-<ms>`        | wait between stream events                                         |
 * | `hang`             | never answer; the socket is held until the client closes it        |
 * | `drop-<n>`         | destroy the socket after n content events (non-streamed: half the body) |
 * | `reset`            | destroy the socket without an answer                               |
 * | `bad-json`         | a 200 whose body is not JSON; in streams, one event that is not JSON |
 * | `truncate`         | end the stream cleanly without `message-end` (non-streamed: half the body) |
 */
export interface CohereFaults {
  status?: number;
  retryAfter?: number;
  flaky?: { status: number; times: number };
  delayMs?: number;
  dripMs?: number;
  hang?: boolean;
  dropAfter?: number;
  reset?: boolean;
  badJson?: boolean;
  truncate?: boolean;
}

const numeric: Array<[RegExp, (faults: CohereFaults, values: number[]) => void]> = [
  [/^status-(\d{3})$/, (faults, [status]) => (faults.status = status)],
  [/^retry-after-(\d+(?:\.\d+)?)$/, (faults, [seconds]) => (faults.retryAfter = seconds)],
  [/^flaky-(\d{3})-(\d+)$/, (faults, [status = 500, times = 1]) => (faults.flaky = { status, times })],
  [/^delay-(\d+)$/, (faults, [ms]) => (faults.delayMs = ms)],
  [/^drip-(\d+)$/, (faults, [ms]) => (faults.dripMs = ms)],
  [/^drop-(\d+)$/, (faults, [count]) => (faults.dropAfter = count)],
];

const flags: Record<string, 'hang' | 'reset' | 'badJson' | 'truncate'> = {
  hang: 'hang',
  reset: 'reset',
  'bad-json': 'badJson',
  truncate: 'truncate',
};

/** Splits a model id into its name and the fault directives after it; unknown directives are ignored. */
export function parseFaultDirectives(modelId: string): { model: string; faults: CohereFaults } {
  const [model = '', ...directives] = modelId.split(':');
  const faults: CohereFaults = {};
  for (const directive of directives) {
    const flag = Object.hasOwn(flags, directive) ? flags[directive] : undefined;
    if (flag) {
      faults[flag] = true;
      continue;
    }
    for (const [pattern, apply] of numeric) {
      const match = pattern.exec(directive);
      if (match) {
        apply(faults, match.slice(1).map(Number));
        break;
      }
    }
  }
  return { model, faults };
}

/** Counts requests per exact model id so `flaky-<code>-<n>` fails only the first n. */
export class FlakyCounts {
  private readonly counts = new Map<string, number>();

  /** The status to fail this request with, or undefined when it should succeed. */
  next(modelId: string, faults: CohereFaults): number | undefined {
    if (!faults.flaky) return undefined;
    const seen = this.counts.get(modelId) ?? 0;
    this.counts.set(modelId, seen + 1);
    return seen < faults.flaky.times ? faults.flaky.status : undefined;
  }

  reset(): void {
    this.counts.clear();
  }
}
