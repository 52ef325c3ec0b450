import { Histogram, type HistogramConfiguration, type LabelValues } from 'prom-client';

/** One series of a {@link DeferredHistogram}: its labels and the values not yet observed. */
export interface PendingObservations {
  readonly labels: LabelValues<string>;
  /** Observed since the last flush, in order. */
  readonly values: number[];
}

/** Values held at most (all series together) before they are observed anyway. */
const DEFAULT_MAX_PENDING = 1_024;

/**
 * A prom-client `Histogram` whose observations are queued on the hot path (a number pushed to an
 * array, instead of prom-client hashing the labels and walking its maps for every value) and
 * observed in a batch just before anyone reads the histogram (its `collect` hook), or once
 * `maxPending` values wait. Each series is observed in the original order, so buckets, counts
 * and the floating-point sums are exactly those of observing every value at once, and series
 * the histogram does not hold yet are created in the order of their first value since the last
 * flush (the order observing at once would have created them).
 *
 * `observe`, `zero`, `remove` and the children of `labels()` called on the histogram itself
 * flush first; `reset` drops what is pending. A value the histogram would refuse (not finite) is
 * observed at once, so it throws where it did.
 */
export class DeferredHistogram {
  /** The prom-client histogram, registered as configured. */
  readonly histogram: Histogram<string>;
  private readonly observeNow: (labels: LabelValues<string>, value: number) => void;
  /** Series with values waiting, in the order of their first value since the last flush. */
  private readonly dirty: PendingObservations[] = [];
  private pending = 0;
  private readonly maxPending: number;

  constructor(configuration: HistogramConfiguration<string>, maxPending = DEFAULT_MAX_PENDING) {
    this.maxPending = maxPending;
    this.histogram = new Histogram({ ...configuration, collect: () => this.flush() });
    const histogram = this.histogram;
    const observe = histogram.observe;
    const labels = histogram.labels;
    const zero = histogram.zero;
    const remove = histogram.remove;
    const reset = histogram.reset;
    const observeLabelled = observe as (labels: LabelValues<string>, value: number) => void;
    this.observeNow = (labels, value) => observeLabelled.call(histogram, labels, value);
    histogram.observe = ((...args: Parameters<typeof observe>) => {
      this.flush();
      observe.apply(histogram, args);
    }) as typeof observe;
    histogram.labels = ((...args: Parameters<typeof labels>) => {
      const child = labels.apply(histogram, args);
      return {
        observe: (value: number) => {
          this.flush();
          child.observe(value);
        },
        startTimer: child.startTimer,
      };
    }) as typeof labels;
    histogram.zero = (values) => {
      this.flush();
      zero.call(histogram, values);
    };
    histogram.remove = ((...args: Parameters<typeof remove>) => {
      this.flush();
      remove.apply(histogram, args);
    }) as typeof remove;
    histogram.reset = () => {
      for (const series of this.dirty) series.values.length = 0;
      this.dirty.length = 0;
      this.pending = 0;
      reset.call(histogram);
    };
  }

  /** A series for one label combination (keep it and pass it to {@link observe}; it holds no histogram state). */
  series(labels: LabelValues<string>): PendingObservations {
    return { labels, values: [] };
  }

  /** Observes `value` in the series (the histogram's own `observe(labels, value)`, deferred). */
  observe(series: PendingObservations, value: number): void {
    if (!Number.isFinite(value)) {
      this.flush();
      this.observeNow(series.labels, value);
      return;
    }
    if (series.values.length === 0) this.dirty.push(series);
    series.values.push(value);
    this.pending += 1;
    if (this.pending >= this.maxPending) this.flush();
  }

  /** Observes everything pending, series by series, each in its order. */
  flush(): void {
    const dirty = this.dirty;
    if (dirty.length === 0) return;
    for (const series of dirty) {
      const values = series.values;
      for (const value of values) this.observeNow(series.labels, value);
      values.length = 0;
    }
    dirty.length = 0;
    this.pending = 0;
  }
}
