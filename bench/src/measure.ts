import type { ServerStats } from './child-protocol.js';
import { type LoadResult, runLoad } from './load.js';

/** A server under test, as far as a measurement needs it. */
export interface MeasuredServer {
  url: string;
  stats(): Promise<ServerStats>;
  reset(): Promise<void>;
}

/** The request a measurement sends, over and over. */
export interface BenchRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** Load settings of one measurement. */
export interface MeasureOptions {
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
  overallRate?: number;
}

/** A measurement: the load result and the server's figures right after it. */
export interface Measurement {
  load: LoadResult;
  server: ServerStats;
}

/**
 * Warms the server up (same load, not counted), starts a new window in the server (event-loop
 * delay, peak RSS), runs the measured load and reads the server's figures.
 */
export async function measure(
  server: MeasuredServer,
  request: BenchRequest,
  options: MeasureOptions,
): Promise<Measurement> {
  const base = {
    url: server.url,
    path: request.path,
    headers: request.headers,
    body: request.body,
    connections: options.connections,
    ...(options.overallRate !== undefined && { overallRate: options.overallRate }),
  };
  await runLoad({ ...base, durationSeconds: options.warmupSeconds });
  await server.reset();
  const load = await runLoad({ ...base, durationSeconds: options.durationSeconds });
  return { load, server: await server.stats() };
}
