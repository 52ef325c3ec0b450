import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A local HTTP server collecting POST bodies (an OTLP collector, a webhook receiver). */
export interface Receiver {
  url: string;
  bodies: Array<{ path: string; headers: IncomingMessage['headers']; body: string }>;
  close(): Promise<void>;
}

/** Starts a receiver on a free loopback port; it answers 200 `{}` to every request. */
export async function startReceiver(): Promise<Receiver> {
  const bodies: Receiver['bodies'] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      bodies.push({
        path: request.url ?? '/',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    bodies,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** One span from an OTLP/JSON export, attributes flattened to plain values. */
export interface ExportedSpan {
  name: string;
  kind: number;
  spanId: string;
  parentSpanId: string;
  attributes: Record<string, unknown>;
}

interface OtlpValue {
  stringValue?: string;
  intValue?: number | string;
  doubleValue?: number;
  boolValue?: boolean;
  arrayValue?: { values?: OtlpValue[] };
}

function plain(value: OtlpValue | undefined): unknown {
  if (!value) return undefined;
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.arrayValue) return (value.arrayValue.values ?? []).map(plain);
  return undefined;
}

/** The spans of every OTLP/JSON trace export a receiver got. */
export function exportedSpans(receiver: Receiver): ExportedSpan[] {
  const spans: ExportedSpan[] = [];
  for (const { path, body } of receiver.bodies) {
    if (path !== '/v1/traces') continue;
    const parsed = JSON.parse(body) as {
      resourceSpans?: Array<{
        scopeSpans?: Array<{
          spans?: Array<{
            name: string;
            kind: number;
            spanId: string;
            parentSpanId?: string;
            attributes?: Array<{ key: string; value: OtlpValue }>;
          }>;
        }>;
      }>;
    };
    for (const resource of parsed.resourceSpans ?? []) {
      for (const scope of resource.scopeSpans ?? []) {
        for (const span of scope.spans ?? []) {
          spans.push({
            name: span.name,
            kind: span.kind,
            spanId: span.spanId,
            parentSpanId: span.parentSpanId ?? '',
            attributes: Object.fromEntries(
              (span.attributes ?? []).map((item) => [item.key, plain(item.value)]),
            ),
          });
        }
      }
    }
  }
  return spans;
}

/** Reads one value of a Prometheus exposition (`name{labels}`), summing every series that matches a prefix. */
export function prometheusSum(text: string, metric: string, labels: Record<string, string> = {}): number {
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${metric}{`) && !line.startsWith(`${metric} `)) continue;
    const labelText = /\{(.*)\}/.exec(line)?.[1] ?? '';
    const matches = Object.entries(labels).every(([name, value]) => labelText.includes(`${name}="${value}"`));
    if (matches) total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}
