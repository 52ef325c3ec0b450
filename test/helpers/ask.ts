import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { TEST_KEY } from './start.js';

export type Endpoint = 'openai' | 'anthropic';

/** What a call through an official SDK produced, reduced to what the routing tests look at. */
export interface Answer {
  status: number;
  text: string;
  /** `provider_metadata.gateway` (Vercel style), from the message or the final stream event. */
  gateway: Record<string, unknown> | undefined;
  /** OpenAI: an error chunk's `error`; Anthropic: an `error` event's `error`. */
  streamError?: Record<string, unknown>;
  headers: Headers | undefined;
  error?: { status: number | undefined; message: string; body: unknown };
}

type Json = Record<string, unknown>;

/**
 * Sends one chat request through the official OpenAI or Anthropic SDK, plain or streamed, with
 * extra body fields (routing options) passed as the SDKs pass unknown params: verbatim.
 */
export async function ask(
  url: string,
  endpoint: Endpoint,
  stream: boolean,
  body: { model: string; text: string; extra?: Json },
): Promise<Answer> {
  try {
    return endpoint === 'openai' ? await askOpenAI(url, stream, body) : await askAnthropic(url, stream, body);
  } catch (error) {
    if (error instanceof OpenAI.APIError || error instanceof Anthropic.APIError) {
      return {
        status: error.status ?? 0,
        text: '',
        gateway: undefined,
        headers: error.headers instanceof Headers ? error.headers : undefined,
        error: { status: error.status, message: error.message, body: error.error },
      };
    }
    throw error;
  }
}

async function askOpenAI(url: string, stream: boolean, body: { model: string; text: string; extra?: Json }) {
  const client = new OpenAI({ apiKey: TEST_KEY, baseURL: `${url}/v1`, maxRetries: 0 });
  const params = {
    model: body.model,
    messages: [{ role: 'user' as const, content: body.text }],
    ...body.extra,
  };
  if (!stream) {
    const { data, response } = await client.chat.completions.create(params).withResponse();
    const message = data.choices[0]?.message as unknown as Json;
    return {
      status: response.status,
      text: String(message.content ?? ''),
      gateway: (message.provider_metadata as Json | undefined)?.gateway as Json | undefined,
      headers: response.headers,
    };
  }
  const { data, response } = await client.chat.completions.create({ ...params, stream: true }).withResponse();
  let text = '';
  let gateway: Json | undefined;
  let streamError: Json | undefined;
  try {
    for await (const chunk of data) {
      const delta = chunk.choices[0]?.delta as Json | undefined;
      if (typeof delta?.content === 'string') text += delta.content;
      const metadata = (delta?.provider_metadata as Json | undefined)?.gateway as Json | undefined;
      if (metadata) gateway = metadata;
    }
  } catch (error) {
    // The SDK throws on a chunk with an `error` (OpenRouter's mid-stream error): the stream ended properly.
    if (!(error instanceof OpenAI.APIError)) throw error;
    streamError = (error.error as Json | undefined) ?? { message: error.message };
  }
  return {
    status: response.status,
    text,
    gateway,
    headers: response.headers,
    ...(streamError && { streamError }),
  };
}

async function askAnthropic(
  url: string,
  stream: boolean,
  body: { model: string; text: string; extra?: Json },
) {
  const client = new Anthropic({ apiKey: TEST_KEY, baseURL: url, maxRetries: 0 });
  const params = {
    model: body.model,
    max_tokens: 200,
    messages: [{ role: 'user' as const, content: body.text }],
    ...body.extra,
  };
  if (!stream) {
    const { data, response } = await client.messages.create(params).withResponse();
    const message = data as unknown as Json;
    const first = data.content[0];
    return {
      status: response.status,
      text: first?.type === 'text' ? first.text : '',
      gateway: (message.provider_metadata as Json | undefined)?.gateway as Json | undefined,
      headers: response.headers,
    };
  }
  const { data, response } = await client.messages.create({ ...params, stream: true }).withResponse();
  let text = '';
  let gateway: Json | undefined;
  let streamError: Json | undefined;
  try {
    for await (const event of data) {
      const raw = event as unknown as Json;
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
      if (event.type === 'message_delta')
        gateway = (raw.provider_metadata as Json | undefined)?.gateway as Json | undefined;
    }
  } catch (error) {
    // The SDK throws on an `error` event: the stream ended properly, with an error in its own shape.
    if (!(error instanceof Anthropic.APIError)) throw error;
    streamError = (error.error as Json | undefined)?.error as Json | undefined;
  }
  return {
    status: response.status,
    text,
    gateway,
    headers: response.headers,
    ...(streamError && { streamError }),
  };
}

/** The routing object of an answer's gateway metadata. */
export function routingOf(answer: Answer): {
  finalProvider?: string;
  modelAttemptCount?: number;
  totalProviderAttemptCount?: number;
  modelAttempts?: Array<{
    modelId: string;
    success: boolean;
    providerAttempts: Array<{ provider: string; success: boolean; statusCode?: number }>;
  }>;
} {
  return (answer.gateway?.routing ?? {}) as ReturnType<typeof routingOf>;
}
