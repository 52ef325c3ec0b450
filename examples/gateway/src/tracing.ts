import type { Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

/** The example gateway's tracing: a tracer for `openTelemetry()` and a shutdown that flushes. */
export interface Tracing {
  tracer: Tracer;
  shutdown(): Promise<void>;
}

/**
 * OTLP/HTTP export of the gateway's spans when `OTEL_EXPORTER_OTLP_ENDPOINT` is set (spans go
 * to `<endpoint>/v1/traces`, as the OpenTelemetry SDKs do), under `OTEL_SERVICE_NAME` (default
 * `signalbox-gateway`). The provider is not registered globally: the gateway's middleware gets
 * its tracer directly, so several gateways in one process (tests) each export their own spans.
 */
export function startTracing(options: { endpoint: string; serviceName: string }): Tracing {
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName }),
    spanProcessors: [
      new BatchSpanProcessor(new OTLPTraceExporter({ url: `${options.endpoint}/v1/traces` }), {
        scheduledDelayMillis: 1_000,
      }),
    ],
  });
  return {
    tracer: provider.getTracer('@signalbox/example-gateway'),
    shutdown: () => provider.shutdown(),
  };
}
