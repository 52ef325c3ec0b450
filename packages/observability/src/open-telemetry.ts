import {
  type Context,
  context as otelContext,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import {
  defineMiddleware,
  type GatewayContext,
  type GatewayMiddleware,
  type RequestOutcome,
  tapStream,
} from '@signalbox/core';
import { buildLogRecord } from './build-log-record.js';
import { attemptAttributes, requestAttributes, responseAttributes } from './gen-ai-attributes.js';
import { isErrorRecord } from './log-record.js';

/** Options of `openTelemetry()`. */
export interface OpenTelemetryOptions {
  /** The tracer; default `trace.getTracer('@signalbox/observability')` (the app's registered provider). */
  tracer?: Tracer;
}

interface Observed {
  finishReason?: string;
  responseModel?: string;
}

function endSpans(
  span: Span,
  parent: Context,
  context: GatewayContext,
  outcome: RequestOutcome,
  observed: Observed,
  tracer: Tracer,
) {
  const end = context.timings.end ?? context.clock.now();
  const record = buildLogRecord(
    context,
    outcome,
    observed.finishReason === undefined ? {} : { finishReason: observed.finishReason },
  );
  const withSpan = trace.setSpan(parent, span);
  context.attempts.forEach((attempt, index) => {
    const child = tracer.startSpan(
      `chat ${attempt.providerModelId}`,
      { kind: SpanKind.CLIENT, startTime: attempt.startTime, attributes: attemptAttributes(attempt, index) },
      withSpan,
    );
    if (!attempt.success) {
      child.setStatus({
        code: SpanStatusCode.ERROR,
        ...(attempt.error && { message: attempt.error.message }),
      });
    } else if (index === context.attempts.length - 1) {
      const usage = context.usage;
      if (usage?.inputTokens.total !== undefined)
        child.setAttribute('gen_ai.usage.input_tokens', usage.inputTokens.total);
      if (usage?.outputTokens.total !== undefined)
        child.setAttribute('gen_ai.usage.output_tokens', usage.outputTokens.total);
      const model = observed.responseModel ?? context.result?.response.modelId;
      if (model !== undefined) child.setAttribute('gen_ai.response.model', model);
    }
    child.end(attempt.endTime ?? end);
  });
  span.setAttributes(responseAttributes(record, observed.responseModel ?? context.result?.response.modelId));
  if (isErrorRecord(record))
    span.setStatus({ code: SpanStatusCode.ERROR, ...(record.error !== null && { message: record.error }) });
  span.end(end);
}

/**
 * Traces every model call with OpenTelemetry, through `@opentelemetry/api` only (the SDK and the
 * exporter are the app's choice): a `chat <model>` span for the request (kind INTERNAL, active
 * while the pipeline runs, so spans made inside nest under it) and a `chat <provider model>`
 * child span per provider attempt (kind CLIENT, with its own times and status), with the GenAI
 * semantic conventions (`gen_ai.operation.name`, `gen_ai.provider.name`, `gen_ai.request.model`,
 * `gen_ai.response.model`, `gen_ai.usage.input_tokens` / `output_tokens`,
 * `gen_ai.response.finish_reasons`, `gen_ai.response.id`, `error.type`). No prompt or completion
 * is put on spans. Spans end when the response is complete (a stream at its end).
 *
 * @example
 * ```ts
 * createGateway({ providers, use: [auth(), openTelemetry(), requestLog(), cost(), router()] });
 * ```
 */
export function openTelemetry(options: OpenTelemetryOptions = {}): GatewayMiddleware {
  const tracer = options.tracer ?? trace.getTracer('@signalbox/observability');
  return defineMiddleware('openTelemetry', async function openTelemetry(context, next) {
    const parent = otelContext.active();
    const span = tracer.startSpan(
      `chat ${context.request.model}`,
      {
        kind: SpanKind.INTERNAL,
        startTime: context.timings.start,
        attributes: requestAttributes(context.request),
      },
      parent,
    );
    const observed: Observed = {};
    context.onDone.push((done) => {
      // After every other hook, so the cost and the final usage are known.
      done.onDone.push((_, outcome) => endSpans(span, parent, done, outcome, observed, tracer));
    });
    await otelContext.with(trace.setSpan(parent, span), next);
    if (context.stream) {
      context.stream = tapStream(context.stream, (part) => {
        if (part.type === 'finish') observed.finishReason = part.finishReason.unified;
        else if (part.type === 'response-metadata' && part.modelId !== undefined)
          observed.responseModel ??= part.modelId;
      });
    }
  });
}
