import { Counter, type CounterConfiguration, type LabelValues } from 'prom-client';

/** One series of a {@link DeferredCounter}: its labels and what was counted but not yet added. */
export interface PendingSeries {
  readonly labels: LabelValues<string>;
  /** Whole numbers counted since the last flush, summed (exact while no fraction was counted). */
  pending: number;
  /** Values counted since the last flush that are added one by one, in order (after `pending`). */
  readonly values: number[];
}

/** Series waiting at most (series dropped from a caller's cache may still wait). */
const MAX_DIRTY = 4_096;

/** Values waiting one by one at most, all series together. */
const MAX_QUEUED = 1_024;

/** Pending sums stay far below 2^53 (at most twice this), so adding them to the counter is exact. */
const MAX_PENDING = 2 ** 32;

/**
 * A prom-client `Counter` whose increments are taken on the hot path as plain numbers (no label
 * hashing, no label object per call) and added to the counter just before anyone reads it: its
 * `collect` hook flushes them, so `registry.metrics()`, `get()` and every exposition see exactly
 * the values, series and series order that counting each increment at once would give.
 *
 * Whole numbers are summed per series (exact: integer sums below 2^53); once a fraction was
 * counted, every value is queued and added one by one in order, so the floating-point sums are
 * those of adding each at once. A flush adds the series in the order of their first increment
 * since the previous flush: a series the counter does not hold yet is created in the order
 * counting at once would have created it. A value the counter refuses (negative, infinite) goes
 * to it at once, after a flush, so it throws where it did. `inc` and `remove` called on the
 * counter itself flush first; `reset` drops what is pending.
 */
export class DeferredCounter {
  /** The prom-client counter, registered as configured. */
  readonly counter: Counter<string>;
  private readonly inc: (labels: LabelValues<string>, value: number) => void;
  /** Series with something pending, in the order of their first increment since the last flush. */
  private readonly dirty: PendingSeries[] = [];
  private queued = 0;
  /** A fraction reached the counter: sums of whole numbers are no longer exact, values go one by one. */
  private fractional = false;

  constructor(configuration: CounterConfiguration<string>) {
    this.counter = new Counter({ ...configuration, collect: () => this.flush() });
    const counter = this.counter;
    const inc = counter.inc;
    const remove = counter.remove;
    const reset = counter.reset;
    const incLabelled = inc as (labels: LabelValues<string>, value: number) => void;
    this.inc = (labels, value) => incLabelled.call(counter, labels, value);
    counter.inc = ((...args: Parameters<typeof inc>) => {
      this.flush();
      // Whatever it added, later sums must not assume whole numbers.
      this.fractional = true;
      inc.apply(counter, args);
    }) as typeof inc;
    counter.remove = ((...args: Parameters<typeof remove>) => {
      this.flush();
      remove.apply(counter, args);
    }) as typeof remove;
    counter.reset = () => {
      for (const series of this.dirty) {
        series.pending = 0;
        series.values.length = 0;
      }
      this.dirty.length = 0;
      this.queued = 0;
      this.fractional = false;
      reset.call(counter);
    };
  }

  /** A series for one label combination (keep it and pass it to {@link add}; it holds no counter state). */
  series(labels: LabelValues<string>): PendingSeries {
    return { labels, pending: 0, values: [] };
  }

  /** Counts `value` (the counter's own `inc(labels, value)`, deferred). */
  add(series: PendingSeries, value: number): void {
    if (value < 0 || value === Number.POSITIVE_INFINITY) {
      this.flush();
      this.inc(series.labels, value);
      return;
    }
    if (series.pending === 0 && series.values.length === 0) {
      if (this.dirty.length >= MAX_DIRTY) this.flush();
      this.dirty.push(series);
    }
    if (
      !this.fractional &&
      value > 0 &&
      value <= MAX_PENDING &&
      Number.isInteger(value) &&
      series.pending <= MAX_PENDING
    ) {
      series.pending += value;
      return;
    }
    if (!Number.isInteger(value)) this.fractional = true;
    series.values.push(value);
    this.queued += 1;
    if (this.queued >= MAX_QUEUED) this.flush();
  }

  /** Adds what is pending to the counter. */
  flush(): void {
    const dirty = this.dirty;
    if (dirty.length === 0) return;
    for (const series of dirty) {
      const pending = series.pending;
      if (pending !== 0) {
        series.pending = 0;
        this.inc(series.labels, pending);
      }
      const values = series.values;
      for (const value of values) this.inc(series.labels, value);
      values.length = 0;
    }
    dirty.length = 0;
    this.queued = 0;
  }
}
