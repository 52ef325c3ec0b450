import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { createGateway } from '@signalbox/core';
import { createMockProvider } from '@signalbox/provider-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { openTelemetry } from './open-telemetry.js';
import { chat, fakeAuth, testGateway } from './test-gateway.js';

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const tracer = provider.getTracer('test');

afterEach(() => exporter.reset());

function spans() {
  return exporter.getFinishedSpans();
}

describe('openTelemetry', () => {
  it('makes a chat span for the request and a client span per attempt, with GenAI attributes', async () => {
    const gateway = testGateway([fakeAuth({ alpha: 'proj_a' }), openTelemetry({ tracer })]);
    const { response } = await chat(
      gateway,
      { model: 'mock/echo', max_tokens: 50, temperature: 0.2 },
      { 'x-test-key': 'alpha' },
    );
    expect(response.status).toBe(200);
    const finished = spans();
    expect(finished).toHaveLength(2);
    const request = finished.find((span) => span.kind === SpanKind.INTERNAL);
    const attempt = finished.find((span) => span.kind === SpanKind.CLIENT);
    expect(request?.name).toBe('chat mock/echo');
    expect(request?.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'mock',
      'gen_ai.request.model': 'mock/echo',
      'gen_ai.request.max_tokens': 50,
      'gen_ai.request.temperature': 0.2,
      'gen_ai.response.model': 'echo',
      'gen_ai.usage.output_tokens': 3,
      'gen_ai.response.finish_reasons': ['stop'],
      'signalbox.generation_id': response.headers['x-signalbox-generation-id'],
      'signalbox.principal_id': 'key_alpha',
      'signalbox.project_id': 'proj_a',
      'http.response.status_code': 200,
    });
    expect(request?.attributes['gen_ai.usage.input_tokens']).toBeGreaterThan(0);
    expect(request?.attributes['gen_ai.response.id']).toEqual(expect.any(String));
    expect(request?.status.code).not.toBe(SpanStatusCode.ERROR);
    expect(attempt?.name).toBe('chat echo');
    expect(attempt?.parentSpanContext?.spanId).toBe(request?.spanContext().spanId);
    expect(attempt?.spanContext().traceId).toBe(request?.spanContext().traceId);
    expect(attempt?.attributes).toMatchObject({
      'gen_ai.provider.name': 'mock',
      'gen_ai.request.model': 'echo',
      'gen_ai.usage.output_tokens': 3,
      'signalbox.attempt': 1,
    });
  });

  it('ends a stream span at the stream end, with its finish reason', async () => {
    const gateway = testGateway([openTelemetry({ tracer })]);
    const { text } = await chat(gateway, { model: 'mock/echo', stream: true });
    expect(text).toContain('[DONE]');
    const request = spans().find((span) => span.kind === SpanKind.INTERNAL);
    expect(request?.attributes).toMatchObject({
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.usage.output_tokens': 3,
      'signalbox.stream': true,
    });
  });

  it('marks failures with error.type and an ERROR status, on the request and the attempt', async () => {
    const gateway = testGateway([openTelemetry({ tracer })]);
    const { response } = await chat(gateway, { model: 'mock/echo:status-429' });
    expect(response.status).toBe(429);
    const request = spans().find((span) => span.kind === SpanKind.INTERNAL);
    const attempt = spans().find((span) => span.kind === SpanKind.CLIENT);
    expect(request?.status.code).toBe(SpanStatusCode.ERROR);
    expect(request?.attributes['error.type']).toBe('rate_limit_error');
    expect(request?.attributes['http.response.status_code']).toBe(429);
    expect(attempt?.status.code).toBe(SpanStatusCode.ERROR);
    expect(attempt?.attributes['error.type']).toBe('rate_limit_error');
  });

  it('uses the globally registered tracer when none is given (a no-op without an SDK)', async () => {
    const gateway = createGateway({ providers: [createMockProvider()], use: [openTelemetry()] });
    expect((await chat(gateway, { model: 'mock/echo' })).response.status).toBe(200);
    expect(spans()).toHaveLength(0);
  });
});
