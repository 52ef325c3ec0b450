/** The throughput and latency figures two rows are compared on. */
export interface Figures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/** How a row compares with its baseline. */
export interface Comparison {
  /** Requests per second of the row over the baseline's. */
  ratio: number;
  /** Latency added over the baseline at the median and the 99th percentile, ms. */
  addedP50Ms: number;
  addedP99Ms: number;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Compares a row with its baseline (ratio to 2 decimals, added latency to the microsecond). */
export function compare(row: Figures, baseline: Figures): Comparison {
  return {
    ratio: baseline.requestsPerSecond > 0 ? round(row.requestsPerSecond / baseline.requestsPerSecond, 2) : 0,
    addedP50Ms: round(row.p50Ms - baseline.p50Ms, 3),
    addedP99Ms: round(row.p99Ms - baseline.p99Ms, 3),
  };
}

/** The verdict of a soak: flat when the last third's mean RSS is within `tolerance` of the first third's. */
export interface FlatnessVerdict {
  flat: boolean;
  firstThirdMean: number;
  lastThirdMean: number;
  /** (last - first) / first. */
  change: number;
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/** Judges memory samples (any unit) taken at a steady rate; needs at least 3 samples. */
export function judgeFlatness(samples: number[], tolerance = 0.1): FlatnessVerdict {
  if (samples.length < 3) throw new Error(`A soak needs at least 3 samples, got ${samples.length}`);
  const third = Math.floor(samples.length / 3);
  const first = mean(samples.slice(0, third));
  const last = mean(samples.slice(samples.length - third));
  const change = (last - first) / first;
  return {
    flat: Math.abs(change) <= tolerance,
    firstThirdMean: round(first, 2),
    lastThirdMean: round(last, 2),
    change: round(change, 4),
  };
}
