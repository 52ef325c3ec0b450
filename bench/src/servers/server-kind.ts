/** The servers the harness can start, each in its own child process. */
export const SERVER_KINDS = [
  'upstream',
  'plain-proxy',
  'bare-express',
  'bare-koa',
  'signalbox-koa-full',
  'signalbox-express-full',
  'signalbox-koa-minimal',
  'signalbox-koa-cache',
] as const;

/** One of {@link SERVER_KINDS}. */
export type ServerKind = (typeof SERVER_KINDS)[number];

/** What a server child is told to start (passed as JSON in `BENCH_SERVER`). */
export interface ServerSpec {
  kind: ServerKind;
  /** The fake upstream's origin (`http://127.0.0.1:<port>`); every kind but `upstream` needs it. */
  upstreamUrl?: string;
}

/** True for a known server kind. */
export function isServerKind(value: unknown): value is ServerKind {
  return typeof value === 'string' && (SERVER_KINDS as readonly string[]).includes(value);
}

/** Reads a {@link ServerSpec} from its JSON; throws an Error naming what is wrong. */
export function parseServerSpec(text: string | undefined): ServerSpec {
  if (!text) throw new Error('BENCH_SERVER is not set');
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null) throw new Error('BENCH_SERVER is not an object');
  const { kind, upstreamUrl } = value as Record<string, unknown>;
  if (!isServerKind(kind)) throw new Error(`Unknown server kind: ${String(kind)}`);
  if (kind !== 'upstream' && typeof upstreamUrl !== 'string')
    throw new Error(`Server kind ${kind} needs upstreamUrl`);
  return { kind, ...(typeof upstreamUrl === 'string' && { upstreamUrl }) };
}
