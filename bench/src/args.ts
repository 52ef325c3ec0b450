import { parseArgs } from 'node:util';

/** The harness's command-line options (each entry point uses the ones it needs). */
export interface BenchOptions {
  /** A few seconds per row, for CI: the benchmark runs end to end, the numbers mean little. */
  quick: boolean;
  /** Measured seconds per row. */
  durationSeconds: number;
  /** Warm-up seconds per row before the measured run. */
  warmupSeconds: number;
  connections: number;
  /** Concurrent streams of the streams scenario. */
  streams: number;
  /** Milliseconds between the upstream's stream frames in the streams scenario. */
  dripMs: number;
  /** Soak length in minutes. */
  minutes: number;
  /** Requests per second of the soak's steady load. */
  rate: number;
  /** Only these row ids (empty: all). */
  only: string[];
  /** Write results to `bench/results/` (default true). */
  write: boolean;
  /** Run the servers' TypeScript through tsx instead of compiling them first. */
  tsx: boolean;
  /** `bench:profile`: read this `.cpuprofile` instead of recording a new one. */
  file?: string;
}

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0)
    throw new Error(`--${name} must be a positive number, got ${value}`);
  return number;
}

/** Parses the command line; throws an Error naming a bad flag. */
export function parseBenchArgs(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      streams: { type: 'string' },
      drip: { type: 'string' },
      minutes: { type: 'string' },
      rate: { type: 'string' },
      only: { type: 'string' },
      'no-write': { type: 'boolean', default: false },
      tsx: { type: 'boolean', default: false },
      file: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const quick = values.quick === true;
  return {
    quick,
    durationSeconds: positive('duration', values.duration, quick ? 3 : 10),
    // 10 s: the full stack's code is still being optimized by V8 for the first seconds (TurboFan
    // took 18 % of the server's samples in its first 6 s, under 1 % after 10 s).
    warmupSeconds: positive('warmup', values.warmup, quick ? 1 : 10),
    connections: Math.round(positive('connections', values.connections, 50)),
    streams: Math.round(positive('streams', values.streams, 1000)),
    dripMs: Math.round(positive('drip', values.drip, quick ? 1000 : 1500)),
    minutes: positive('minutes', values.minutes, quick ? 0.5 : 10),
    rate: Math.round(positive('rate', values.rate, 1000)),
    only: (values.only ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean),
    write: values['no-write'] !== true,
    tsx: values.tsx === true,
    ...(values.file !== undefined && { file: values.file }),
  };
}
