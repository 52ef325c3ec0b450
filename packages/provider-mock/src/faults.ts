/**
 * Fault directives carried in a model id, shared by the mock provider and the fake upstreams of
 * `@signalbox/testing`: `<model>[:<fault>]...`, e.g. `echo:status-503`, `echo:flaky-500-2`,
 * `echo:drip-20`, `echo:drop-3`.
 *
 * | directive          | effect                                                              |
 * |--------------------|---------------------------------------------------------------------|
 * | `status-<code>`    | answer every request with that HTTP status                          |
 * | `retry-after-<s>`  | with a status: send `Retry-After: <s>`                              |
 * | `flaky-<code>-<n>` | answer the first n requests for this exact model id with the status |
 * | `delay-<ms>`       | wait before answering (before the first byte)                       |
 * | `drip-<ms>`        | wait between stream chunks                                          |
 * | `hang`             | never answer (until the caller aborts)                              |
 * | `drop-<n>`         | fail the stream after n content chunks                              |
 * | `reset`            | destroy the connection without an answer                            |
 * | `bad-json`         | answer with a body that is not JSON                                 |
 * | `truncate`         | end the stream cleanly but without its final events                 |
 */
export interface Faults {
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

const numeric: Array<[RegExp, (faults: Faults, values: number[]) => void]> = [
  [/^status-(\d{3})$/, (faults, [status]) => (faults.status = status)],
  [/^retry-after-(\d+(?:\.\d+)?)$/, (faults, [seconds]) => (faults.retryAfter = seconds)],
  [/^flaky-(\d{3})-(\d+)$/, (faults, [status = 500, times = 1]) => (faults.flaky = { status, times })],
  [/^delay-(\d+)$/, (faults, [ms]) => (faults.delayMs = ms)],
  [/^drip-(\d+)$/, (faults, [ms]) => (faults.dripMs = ms)],
  [/^drop-(\d+)$/, (faults, [count]) => (faults.dropAfter = count)],
];
const flags: Record<string, keyof Faults> = {
  hang: 'hang',
  reset: 'reset',
  'bad-json': 'badJson',
  truncate: 'truncate',
};

/** Splits a model id into its base name and the fault directives after it. */
export function parseFaults(modelId: string): { base: string; faults: Faults } {
  const [base = '', ...directives] = modelId.split(':');
  const faults: Faults = {};
  for (const directive of directives) {
    const flag = flags[directive];
    if (flag) {
      (faults as Record<string, unknown>)[flag] = true;
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
  return { base, faults };
}

/**
 * Counts requests per exact model id so `flaky-<code>-<n>` fails only the first n.
 * One instance per provider or fake server.
 */
export class FlakyCounter {
  private readonly counts = new Map<string, number>();

  /** Returns the status to fail with, or undefined when this request should succeed. */
  next(modelId: string, faults: Faults): number | undefined {
    if (!faults.flaky) return undefined;
    const seen = this.counts.get(modelId) ?? 0;
    this.counts.set(modelId, seen + 1);
    return seen < faults.flaky.times ? faults.flaky.status : undefined;
  }

  /** Forgets every count, so each `flaky` model fails its first calls again. */
  reset(): void {
    this.counts.clear();
  }
}
