import type { ServerKind } from './servers/server-kind.js';

/** One row of the throughput table: a server, the request it gets, the row it is compared with. */
export interface RowSpec {
  id: string;
  label: string;
  /** The server to start; `cache-hit` tries the example gateway, then its own cache stack. */
  servers: ServerKind[];
  /** The row this one is compared with (ratio, added latency). */
  baseline?: string;
  stream?: boolean;
  /** Send the cache opt-in header; the row needs `x-signalbox-cache-status: HIT`. */
  cache?: boolean;
  /** Fixed rate: this fraction of another row's requests per second (autocannon `overallRate`). */
  rate?: { of: string; fraction: number };
}

/** The rows of `pnpm bench`, in the order they run (a row's baseline and rate source run before it). */
export const ROWS: RowSpec[] = [
  { id: 'proxy', label: 'plain proxy (node:http + undici)', servers: ['plain-proxy'] },
  { id: 'bare-koa', label: 'bare Koa + undici', servers: ['bare-koa'], baseline: 'proxy' },
  { id: 'bare-express', label: 'bare Express + undici', servers: ['bare-express'], baseline: 'proxy' },
  {
    id: 'koa-minimal',
    label: 'Signalbox minimal (Koa, OpenAI provider only)',
    servers: ['signalbox-koa-minimal'],
    baseline: 'proxy',
  },
  { id: 'koa-full', label: 'Signalbox full stack (Koa)', servers: ['signalbox-koa-full'], baseline: 'proxy' },
  {
    id: 'express-full',
    label: 'Signalbox full stack (Express)',
    servers: ['signalbox-express-full'],
    baseline: 'bare-express',
  },
  {
    id: 'cache-hit',
    label: 'Signalbox cache hit (Koa)',
    servers: ['signalbox-koa-full', 'signalbox-koa-cache'],
    baseline: 'proxy',
    cache: true,
  },
  { id: 'proxy-stream', label: 'plain proxy, streamed', servers: ['plain-proxy'], stream: true },
  {
    id: 'koa-full-stream',
    label: 'Signalbox full stack (Koa), streamed',
    servers: ['signalbox-koa-full'],
    baseline: 'proxy-stream',
    stream: true,
  },
  {
    id: 'proxy-half',
    label: 'plain proxy at half its max rate',
    servers: ['plain-proxy'],
    rate: { of: 'proxy', fraction: 0.5 },
  },
  {
    id: 'koa-full-half',
    label: "Signalbox full stack (Koa) at half the proxy's max rate",
    servers: ['signalbox-koa-full'],
    baseline: 'proxy-half',
    rate: { of: 'proxy', fraction: 0.5 },
  },
];

/**
 * The rows to run for `--only`: the named ones plus every row they need (baselines, rate
 * sources), in table order. An unknown id throws.
 */
export function selectRows(only: string[], rows: RowSpec[] = ROWS): RowSpec[] {
  if (only.length === 0) return rows;
  const byId = new Map(rows.map((row) => [row.id, row]));
  const wanted = new Set<string>();
  const add = (id: string) => {
    const row = byId.get(id);
    if (!row) throw new Error(`Unknown row: ${id} (rows: ${rows.map((each) => each.id).join(', ')})`);
    if (wanted.has(id)) return;
    wanted.add(id);
    if (row.baseline) add(row.baseline);
    if (row.rate) add(row.rate.of);
  };
  only.forEach(add);
  return rows.filter((row) => wanted.has(row.id));
}
