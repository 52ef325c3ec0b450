import { parseSse, sseFrame, sseJson } from '@signalbox/core';
import {
  type Exchange,
  type FakeUpstream,
  sendJson,
  startFakeOpenAI,
  startFakeServer,
} from '@signalbox/testing/upstreams';
import { request } from 'undici';

/** Options of {@link startFakeAzure}. */
export interface FakeAzureOptions {
  /** The key accepted in the `api-key` header; default `azure-test-key`. */
  apiKey?: string;
  /** An Entra ID access token accepted as `Authorization: Bearer`; default none. */
  token?: string;
  /** Deployment names that exist; default any name. */
  deployments?: string[];
}

/** Category results of a clean text, as Azure reports them. */
const safe = {
  hate: { filtered: false, severity: 'safe' },
  self_harm: { filtered: false, severity: 'safe' },
  sexual: { filtered: false, severity: 'safe' },
  violence: { filtered: false, severity: 'safe' },
};
const promptFilterResults = [
  { prompt_index: 0, content_filter_results: { ...safe, jailbreak: { filtered: false, detected: false } } },
];
const outputBlocked = { ...safe, violence: { filtered: true, severity: 'high' } };

const promptFiltered = {
  error: {
    message:
      "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry. To learn more about our content filtering policies please read our documentation: https://go.microsoft.com/fwlink/?linkid=2198766",
    type: null,
    param: 'prompt',
    code: 'content_filter',
    status: 400,
    innererror: {
      code: 'ResponsibleAIPolicyViolation',
      content_filter_result: {
        ...safe,
        jailbreak: { filtered: false, detected: false },
        violence: { filtered: true, severity: 'medium' },
      },
    },
  },
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Adds Azure's filter results to an OpenAI completion or chunk. */
function withFilterResults(json: Record<string, unknown>, blockOutput: boolean): Record<string, unknown> {
  if (!Array.isArray(json.choices)) return json;
  const choices = json.choices.map((choice) => {
    if (!isObject(choice)) return choice;
    const delta = isObject(choice.delta) ? choice.delta : undefined;
    const hasContent =
      delta === undefined || typeof delta.content === 'string' || choice.finish_reason != null;
    const results =
      blockOutput && choice.finish_reason != null
        ? outputBlocked
        : hasContent && delta?.role === undefined
          ? safe
          : {};
    return {
      ...choice,
      content_filter_results: results,
      ...(blockOutput && choice.finish_reason != null && { finish_reason: 'content_filter' }),
    };
  });
  return {
    ...json,
    choices,
    ...(json.object === 'chat.completion' && { prompt_filter_results: promptFilterResults }),
  };
}

/**
 * Starts a thin fake Azure OpenAI on `127.0.0.1` in front of `@signalbox/testing`'s fake OpenAI
 * (which does the validation, the deterministic replies and the fault directives): it serves
 * `POST /openai/deployments/{deployment}/chat/completions?api-version=...`, requires an
 * `api-version` and an `api-key` header (or an Entra ID bearer token), answers an unknown
 * deployment 404 `DeploymentNotFound`, sends the deployment name as the model, and adds Azure's
 * content filtering: `prompt_filter_results` (a first stream chunk of its own, as Azure sends
 * it) and per-choice `content_filter_results`; a user text with `trigger-prompt-filter` is
 * refused with a 400 `content_filter`, one with `trigger-output-filter` ends with
 * `finish_reason: 'content_filter'`.
 */
export async function startFakeAzure(options: FakeAzureOptions = {}): Promise<FakeUpstream> {
  const apiKey = options.apiKey ?? 'azure-test-key';
  const openai = await startFakeOpenAI({ apiKey: 'sk-test' });
  let sequence = 0;

  async function chat(exchange: Exchange, deployment: string, headers: Record<string, string>) {
    const body = isObject(exchange.body) ? exchange.body : {};
    const text = JSON.stringify(body.messages ?? []);
    if (text.includes('trigger-prompt-filter')) return sendJson(exchange, 400, promptFiltered, headers);
    const blockOutput = text.includes('trigger-output-filter');
    const upstream = await request(`${openai.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk-test', 'content-type': 'application/json' },
      body: exchange.bodyIsJson ? JSON.stringify({ ...body, model: deployment }) : exchange.rawBody,
      signal: exchange.signal,
    }).catch(() => undefined);
    if (upstream === undefined) return exchange.destroy();
    const type = String(upstream.headers['content-type'] ?? '');
    if (!type.includes('text/event-stream')) {
      const raw = await upstream.body.text().catch(() => undefined);
      if (raw === undefined) return exchange.destroy();
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        exchange.response.writeHead(upstream.statusCode, { 'content-type': type, ...headers }).end(raw);
        return;
      }
      const answer =
        upstream.statusCode === 200 && isObject(json) ? withFilterResults(json, blockOutput) : json;
      const retryAfter = upstream.headers['retry-after'];
      return sendJson(exchange, upstream.statusCode, answer, {
        ...headers,
        ...(typeof retryAfter === 'string' && { 'retry-after': retryAfter }),
      });
    }
    exchange.response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', ...headers });
    exchange.response.flushHeaders();
    let first = true;
    try {
      for await (const event of parseSse(upstream.body)) {
        if (first) {
          first = false;
          exchange.response.write(
            sseJson({
              choices: [],
              created: 0,
              id: '',
              model: '',
              object: '',
              prompt_filter_results: promptFilterResults,
            }),
          );
        }
        let frame: string;
        try {
          frame =
            event.data === '[DONE]'
              ? sseFrame('[DONE]')
              : sseJson(withFilterResults(JSON.parse(event.data), blockOutput));
        } catch {
          frame = sseFrame(event.data);
        }
        exchange.response.write(frame);
      }
    } catch {
      return exchange.destroy();
    }
    exchange.response.end();
  }

  const server = await startFakeServer(async (exchange) => {
    sequence += 1;
    const id = `fake-azure-${String(sequence).padStart(6, '0')}`;
    const headers = { 'apim-request-id': id, 'x-request-id': id, 'x-ms-region': 'East US' };
    const url = new URL(exchange.response.req.url ?? '/', 'http://fake');
    const route = /^\/openai\/deployments\/([^/]+)\/chat\/completions$/.exec(exchange.path);
    const authorization = exchange.headers.authorization;
    const authorized =
      exchange.headers['api-key'] === apiKey ||
      (options.token !== undefined && authorization === `Bearer ${options.token}`);
    if (!authorized) {
      const message =
        'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.';
      return sendJson(exchange, 401, { error: { code: '401', message } }, headers);
    }
    if (route === null || exchange.method !== 'POST')
      return sendJson(exchange, 404, { error: { code: '404', message: 'Resource not found' } }, headers);
    const version = url.searchParams.get('api-version');
    if (!version || !/^\d{4}-\d{2}-\d{2}(-preview)?$/.test(version))
      return sendJson(
        exchange,
        404,
        {
          error: {
            code: '404',
            message: 'Resource not found',
            ...(version === null && { details: 'api-version missing' }),
          },
        },
        headers,
      );
    const deployment = decodeURIComponent(route[1] ?? '');
    const name = deployment.split(':')[0] ?? '';
    if (options.deployments !== undefined && !options.deployments.includes(name))
      return sendJson(
        exchange,
        404,
        {
          error: {
            code: 'DeploymentNotFound',
            message:
              'The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.',
          },
        },
        headers,
      );
    await chat(exchange, deployment, headers);
  });
  return {
    get url() {
      return server.url;
    },
    get baseURL() {
      return server.url;
    },
    requests: server.requests,
    counters: server.counters,
    setFault: (faults) => openai.setFault(faults),
    reset() {
      server.reset();
      openai.reset();
      sequence = 0;
    },
    async close() {
      await server.close();
      await openai.close();
    },
  };
}
