import type { GatewayHttpRequest, GatewayHttpResponse } from '@signalbox/core';

/** A gateway request for unit tests (JSON body by default: a mock/echo chat call). */
export function httpRequest(
  path: string,
  headers: Record<string, string> = {},
  options: {
    method?: string;
    body?: unknown;
    principal?: GatewayHttpRequest['principal'];
    query?: string;
  } = {},
): GatewayHttpRequest {
  const body =
    'body' in options
      ? options.body
      : { model: 'mock/echo', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] };
  return {
    method: options.method ?? 'POST',
    path,
    query: new URLSearchParams(options.query ?? ''),
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : new TextEncoder().encode(JSON.stringify(body)),
    signal: new AbortController().signal,
    ...(options.principal && { principal: options.principal }),
  };
}

/** The JSON value of a response (throws for other bodies). */
export function jsonOf(response: GatewayHttpResponse): Record<string, unknown> {
  if (response.body.type !== 'json') throw new Error(`expected JSON, got ${response.body.type}`);
  return response.body.value as Record<string, unknown>;
}

/** The whole text of a response: JSON, or every SSE frame. */
export async function textOf(response: GatewayHttpResponse): Promise<string> {
  if (response.body.type === 'json') return JSON.stringify(response.body.value);
  if (response.body.type === 'text') return response.body.value;
  if (response.body.type === 'empty') return '';
  let text = '';
  for await (const frame of response.body.events) text += frame;
  return text;
}
