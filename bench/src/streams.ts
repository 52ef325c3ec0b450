import { Agent, request } from 'undici';
import type { EventLoopDelay } from './child-protocol.js';
import { BENCH_MODEL, CHAT_COMPLETIONS_PATH, chatBody, chatHeaders } from './requests.js';
import type { ServerHandle } from './spawn-server.js';

/** What the concurrent-streams scenario measured on one server. */
export interface StreamsResult {
  label: string;
  server: string;
  streams: number;
  dripMs: number;
  completed: number;
  failed: number;
  /**
   * The most streams open at once, from their response headers (sent by the gateway after the
   * first content event) to their end; the scenario counts only if it reached `streams`.
   */
  maxOpen: number;
  durationMs: number;
  rssBeforeMb: number;
  peakRssMb: number;
  rssAfterMb: number;
  eventLoop?: EventLoopDelay;
  /** The first failure, when there was one. */
  firstError?: string;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/**
 * Opens `streams` streaming requests at once against the server (each with its own connection),
 * the upstream dripping a frame every `dripMs` (`drip-<ms>` in the model id), reads every stream
 * to its `[DONE]`, and reports the server's peak RSS and event-loop delay over the scenario.
 */
export async function runStreams(
  handle: ServerHandle,
  options: { label: string; streams: number; dripMs: number },
): Promise<StreamsResult> {
  const dispatcher = new Agent({
    pipelining: 1,
    keepAliveTimeout: 10_000,
    headersTimeout: 120_000,
    bodyTimeout: 120_000,
  });
  const body = chatBody({ stream: true, model: `${BENCH_MODEL}:drip-${options.dripMs}` });
  const headers = chatHeaders();
  await handle.reset();
  const before = await handle.stats();
  let open = 0;
  let maxOpen = 0;
  let completed = 0;
  let failed = 0;
  let firstError: string | undefined;
  const started = performance.now();

  async function one(): Promise<void> {
    let counted = false;
    try {
      const response = await request(handle.url + CHAT_COMPLETIONS_PATH, {
        method: 'POST',
        headers,
        body,
        dispatcher,
      });
      if (response.statusCode !== 200)
        throw new Error(`status ${response.statusCode}: ${(await response.body.text()).slice(0, 200)}`);
      open += 1;
      counted = true;
      if (open > maxOpen) maxOpen = open;
      let tail = '';
      for await (const chunk of response.body) tail = (tail + String(chunk)).slice(-64);
      if (!tail.trimEnd().endsWith('data: [DONE]')) throw new Error('a stream ended without [DONE]');
      completed += 1;
    } catch (error) {
      failed += 1;
      firstError ??= error instanceof Error ? error.message : String(error);
    } finally {
      if (counted) open -= 1;
    }
  }

  await Promise.all(Array.from({ length: options.streams }, one));
  const durationMs = Math.round(performance.now() - started);
  const after = await handle.stats();
  await dispatcher.close();
  return {
    label: options.label,
    server: handle.kind,
    streams: options.streams,
    dripMs: options.dripMs,
    completed,
    failed,
    maxOpen,
    durationMs,
    rssBeforeMb: mb(before.rssBytes),
    peakRssMb: mb(after.peakRssBytes),
    rssAfterMb: mb(after.rssBytes),
    ...(after.eventLoop && { eventLoop: after.eventLoop }),
    ...(firstError !== undefined && { firstError }),
  };
}

/** The streams results as a Markdown table. */
export function formatStreamsTable(results: StreamsResult[]): string {
  const lines = [
    '| server | streams | completed | max open at once | duration s | RSS before MB | peak RSS MB | event loop p50 / p99 / max ms |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const result of results) {
    const loop = result.eventLoop
      ? `${result.eventLoop.p50Ms.toFixed(1)} / ${result.eventLoop.p99Ms.toFixed(1)} / ${result.eventLoop.maxMs.toFixed(1)}`
      : 'n/a';
    lines.push(
      `| ${result.label} | ${result.streams} | ${result.completed}${result.failed ? ` (${result.failed} failed: ${result.firstError ?? ''})` : ''} | ${result.maxOpen} | ${(result.durationMs / 1000).toFixed(1)} | ${result.rssBeforeMb.toFixed(0)} | ${result.peakRssMb.toFixed(0)} | ${loop} |`,
    );
  }
  return lines.join('\n');
}
