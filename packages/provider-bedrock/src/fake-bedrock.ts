import {
  applyLeadingFaults,
  type Exchange,
  type FakeUpstream,
  type Faults,
  notJsonBody,
  parseFaults,
  pause,
  planFaults,
  sendJson,
  startFakeServer,
} from '@signalbox/testing/upstreams';
import type { BedrockCredentials } from './bedrock-credentials.js';
import { encodeEventStreamMessage } from './decode-event-stream.js';
import {
  answerConverse,
  converseResponse,
  converseStreamEvents,
  type FakeBedrockEvent,
} from './fake-bedrock-reply.js';
import { verifySigV4 } from './fake-bedrock-sigv4.js';
import { validateConverseRequest } from './fake-bedrock-validate.js';

/** The credentials the fake Bedrock accepts by default (test values, never real ones). */
export const FAKE_BEDROCK_CREDENTIALS: BedrockCredentials = {
  accessKeyId: 'AKIAFAKEBEDROCK00001',
  secretAccessKey: 'fakeBedrockSecretKeyForTestsOnly/0000000',
};

/** Options of {@link startFakeBedrock}. */
export interface FakeBedrockOptions {
  /** The credentials requests must be signed with; default {@link FAKE_BEDROCK_CREDENTIALS}. */
  credentials?: BedrockCredentials;
  /** The region requests must be signed for; default `us-east-1`. */
  region?: string;
  /** A Bedrock API key also accepted as `Authorization: Bearer`; default none. */
  apiKey?: string;
  /** Validate bodies as the Converse API documents them; default true. */
  validate?: boolean;
}

const exceptionByStatus: Record<number, [string, string]> = {
  400: ['ValidationException', 'The provided request is not valid.'],
  403: ['AccessDeniedException', "You don't have access to the model with the specified model ID."],
  404: ['ResourceNotFoundException', 'The provided model identifier is invalid.'],
  408: [
    'ModelTimeoutException',
    'The request took too long to process. Processing time exceeded the model timeout length.',
  ],
  424: ['ModelErrorException', 'The model returned an error while processing the request.'],
  429: ['ThrottlingException', 'Too many requests, please wait before trying again.'],
  500: ['InternalServerException', 'The server encountered an internal error while processing the request.'],
  503: ['ServiceUnavailableException', 'Bedrock is unable to process your request.'],
};

/** An AWS JSON error: `{message}` with the exception name in `x-amzn-ErrorType`. */
function sendAwsError(
  exchange: Exchange,
  status: number,
  type: string,
  message: string,
  headers: Record<string, string>,
): void {
  sendJson(
    exchange,
    status,
    { message },
    { ...headers, 'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/` },
  );
}

const padding = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** One event stream frame of an event, with the `p` padding field real streams carry. */
function eventFrame(event: FakeBedrockEvent): Uint8Array {
  const body = JSON.stringify({
    ...event.payload,
    p: padding.slice(0, 8 + (JSON.stringify(event.payload).length % 40)),
  });
  return encodeEventStreamMessage(
    { ':event-type': event.eventType, ':content-type': 'application/json', ':message-type': 'event' },
    body,
  );
}

/** An exception frame (`:message-type: exception`). */
export function exceptionFrame(exceptionType: string, message: string): Uint8Array {
  return encodeEventStreamMessage(
    { ':exception-type': exceptionType, ':content-type': 'application/json', ':message-type': 'exception' },
    JSON.stringify({ message }),
  );
}

/** Writes the events as binary frames, one at a time, with the stream faults of the model id. */
async function sendEventStream(
  exchange: Exchange,
  events: FakeBedrockEvent[],
  faults: Faults,
  headers: Record<string, string>,
  exception?: string,
) {
  const { response, signal } = exchange;
  response.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream', ...headers });
  response.flushHeaders();
  const write = (frame: Uint8Array) =>
    new Promise<void>((resolve) => {
      const done = () => resolve();
      signal.addEventListener('abort', done, { once: true });
      response.write(frame, () => {
        signal.removeEventListener('abort', done);
        resolve();
      });
    });
  let written = 0;
  let content = 0;
  for (const event of events) {
    if (signal.aborted) return;
    if (event.kind === 'final' && faults.truncate) continue;
    if (
      faults.dropAfter !== undefined &&
      (event.kind === 'final' || (event.kind === 'content' && content >= faults.dropAfter))
    )
      return exchange.destroy();
    if (faults.dripMs && written > 0 && !(await pause(faults.dripMs, signal))) return;
    await write(eventFrame(event));
    written += 1;
    if (event.kind === 'content') content += 1;
    if (written === 1 && faults.badJson)
      await write(
        encodeEventStreamMessage(
          { ':event-type': 'contentBlockDelta', ':message-type': 'event' },
          '{"contentBlockIndex":0,"delta":',
        ),
      );
    if (written === 1 && exception !== undefined) {
      await write(exceptionFrame(exception, `Fake ${exception} after the stream started.`));
      break;
    }
  }
  if (!signal.aborted) response.end();
}

/** The model id of the path without its fault directives (`...-v1:0:status-429` -> `...-v1:0`). */
function modelWithoutDirectives(modelId: string): string {
  return modelId
    .split(':')
    .filter((segment, index) => index === 0 || Object.keys(parseFaults(`m:${segment}`).faults).length === 0)
    .join(':');
}

/**
 * Starts a fake Amazon Bedrock runtime on `127.0.0.1` (the shared fake server of
 * `@signalbox/testing`): `POST /model/{modelId}/converse` (JSON) and `/converse-stream` (a real
 * AWS event stream, binary frames with CRCs). It verifies the SigV4 `Authorization` header
 * (shape, key, scope, date, body hash and the signature itself, for `credentials` in `region`,
 * service `bedrock`) or a Bedrock API key, validates bodies as the Converse API documents them
 * (400 `ValidationException`), answers deterministically (`echo: <text>`, tool calls, `tool
 * said: ...`, signed reasoning when `thinking` is on, cache reads and writes for `cachePoint`s,
 * a guardrail intervention for `trigger-guardrail`, a mid-stream exception for
 * `trigger-exception-<type>`), and fails on demand through the fault directives of the model id
 * (`anthropic.claude-haiku-4-5-20251001-v1:0:status-429:retry-after-1`, `:hang`, `:drop-2`...).
 */
export async function startFakeBedrock(options: FakeBedrockOptions = {}): Promise<FakeUpstream> {
  const credentials = options.credentials ?? FAKE_BEDROCK_CREDENTIALS;
  const region = options.region ?? 'us-east-1';
  const validate = options.validate ?? true;
  const seenPrefixes = new Set<string>();
  let sequence = 0;

  async function converse(
    exchange: Exchange,
    modelId: string,
    stream: boolean,
    headers: Record<string, string>,
  ) {
    const plan = planFaults(modelId, exchange.faultOverride);
    const done = await applyLeadingFaults(exchange, plan, (status, retryAfter) => {
      const [type, message] = exceptionByStatus[status] ?? [
        'InternalServerException',
        `Fake status ${status}.`,
      ];
      sendAwsError(exchange, status, type, message, {
        ...headers,
        ...(retryAfter !== undefined && { 'retry-after': String(retryAfter) }),
      });
    });
    if (done) return;
    if (!exchange.bodyIsJson)
      return sendAwsError(
        exchange,
        400,
        'ValidationException',
        'Malformed input request, please reformat your input and try again.',
        headers,
      );
    const invalid = validate ? validateConverseRequest(exchange.body) : undefined;
    if (invalid) return sendAwsError(exchange, 400, 'ValidationException', invalid, headers);
    const body = exchange.body as Record<string, unknown>;
    const answer = answerConverse(body, sequence, seenPrefixes);
    if (!stream) {
      const { response } = exchange;
      if (plan.faults.badJson)
        return void response
          .writeHead(200, { 'content-type': 'application/json', ...headers })
          .end(notJsonBody);
      const text = JSON.stringify(converseResponse(answer));
      const half = text.slice(0, Math.floor(text.length / 2));
      if (plan.faults.dropAfter !== undefined) {
        response.writeHead(200, {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(text)),
          ...headers,
        });
        return void response.write(half, () => exchange.destroy());
      }
      if (plan.faults.truncate)
        return void response.writeHead(200, { 'content-type': 'application/json', ...headers }).end(half);
      return sendJson(exchange, 200, JSON.parse(text), headers);
    }
    const user = JSON.stringify(body.messages);
    const exception = /trigger-exception-([A-Za-z]+)/.exec(user)?.[1];
    await sendEventStream(exchange, converseStreamEvents(answer), plan.faults, headers, exception);
  }

  return startFakeServer(
    async (exchange) => {
      sequence += 1;
      const headers = { 'x-amzn-requestid': `00000000-fake-4bed-8000-${String(sequence).padStart(12, '0')}` };
      const route = /^\/model\/([^/]+)\/(converse|converse-stream)$/.exec(exchange.path);
      const authorization = exchange.headers.authorization ?? '';
      if (options.apiKey !== undefined && authorization === `Bearer ${options.apiKey}`) {
        // A Bedrock API key instead of a signature.
      } else if (authorization.startsWith('Bearer ')) {
        return sendAwsError(
          exchange,
          403,
          'UnrecognizedClientException',
          'Invalid API Key format: Must start with pre-defined prefix',
          headers,
        );
      } else {
        const failure = verifySigV4(
          {
            method: exchange.method,
            path: exchange.response.req.url ?? exchange.path,
            headers: exchange.headers,
            body: exchange.rawBody,
          },
          { credentials, region, service: 'bedrock' },
        );
        if (failure) return sendAwsError(exchange, failure.status, failure.type, failure.message, headers);
      }
      if (exchange.method !== 'POST' || route === null)
        return sendAwsError(
          exchange,
          404,
          'UnknownOperationException',
          `Unknown operation ${exchange.method} ${exchange.path}`,
          headers,
        );
      let modelId: string;
      try {
        modelId = decodeURIComponent(route[1] ?? '');
      } catch {
        return sendAwsError(
          exchange,
          400,
          'ValidationException',
          'The provided model identifier is invalid.',
          headers,
        );
      }
      if (!/^[a-z0-9][a-z0-9.\-:/]*$/i.test(modelWithoutDirectives(modelId)))
        return sendAwsError(
          exchange,
          400,
          'ValidationException',
          'The provided model identifier is invalid.',
          headers,
        );
      await converse(exchange, modelId, route[2] === 'converse-stream', headers);
    },
    {
      onReset: () => {
        sequence = 0;
        seenPrefixes.clear();
      },
    },
  );
}
