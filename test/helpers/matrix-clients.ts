import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { createAnthropicDriver } from './matrix-anthropic-driver.js';
import { createOpenAIDriver } from './matrix-openai-driver.js';

/**
 * The clients of the four-way matrix: the official OpenAI SDK, and the official Anthropic SDK
 * with each of its two credentials (`authToken` sends `Authorization: Bearer`, `apiKey` sends
 * `x-api-key`). Each is driven through one small interface, so a matrix cell is written once and
 * checks what the client's own wire format promises.
 */
export const CLIENTS = ['openai', 'anthropic-authToken', 'anthropic-apiKey'] as const;
export type ClientKind = (typeof CLIENTS)[number];
export type Mode = 'plain' | 'stream';

/** A tool offered to the model. */
export interface ToolSpec {
  name: string;
  description: string;
  schema: Record<string, unknown>;
}

/** An image in the user's message. */
export type ImageSpec =
  | { kind: 'base64'; mediaType: 'image/png'; data: string }
  | { kind: 'url'; url: string };

/** A tool call, as the client saw it. */
export interface ToolCallSeen {
  id: string;
  name: string;
  input: unknown;
}

/** A one-user-turn request, rendered into each client's own parameters. */
export interface Ask {
  model: string;
  text: string;
  system?: string;
  /** Marks the system prompt as a prompt-cache breakpoint (an OpenRouter-style part marker for OpenAI clients). */
  cacheSystem?: boolean;
  images?: ImageSpec[];
  tools?: ToolSpec[];
  maxTokens?: number;
  stop?: string[];
  /** Earlier turns: an assistant turn with these tool calls, answered by these outputs. */
  toolHistory?: { calls: ToolCallSeen[]; outputs: string[] };
}

/** What a client got back, read through its SDK (a stream is assembled from its chunks). */
export interface Answer {
  text: string;
  toolCalls: ToolCallSeen[];
  /** `finish_reason` (OpenAI) or `stop_reason` (Anthropic). */
  finish: string | null | undefined;
  /** Anthropic's `stop_sequence`; undefined for OpenAI. */
  stopSequence?: string | null | undefined;
  /** The client's own usage object. */
  usage: Record<string, unknown> | undefined;
  /** Stream frames received (0 when not streamed). */
  frames: number;
}

/** An error as the client SDK reports it. */
export interface Failure {
  status: number | undefined;
  message: string;
  /** The error body the gateway sent. */
  body: unknown;
  retryAfter: string | null | undefined;
}

/** One client of the matrix. */
export interface Driver {
  kind: ClientKind;
  format: 'openai' | 'anthropic';
  ask(ask: Ask, mode: Mode, signal?: AbortSignal): Promise<Answer>;
  /** Streams and calls `onFrame` with the running frame count (to abort mid-stream). */
  streamFrames(ask: Ask, onFrame: (count: number) => void, signal: AbortSignal): Promise<number>;
}

/** Runs `run` and returns the SDK error it rejects with; fails when it resolves. */
export async function failureOf(run: () => Promise<unknown>): Promise<Failure> {
  try {
    await run();
  } catch (error) {
    // The OpenAI SDK keeps the body's `error` member, the Anthropic SDK the whole body.
    if (error instanceof OpenAI.APIError) {
      return {
        status: error.status,
        message: error.message,
        body: error.error === undefined ? undefined : { error: error.error },
        retryAfter: error.headers?.get('retry-after'),
      };
    }
    if (error instanceof Anthropic.APIError) {
      return {
        status: error.status,
        message: error.message,
        body: error.error,
        retryAfter: error.headers?.get('retry-after'),
      };
    }
    throw error;
  }
  throw new Error('expected the request to fail');
}

/** The driver of one client kind, against a gateway at `baseURL` (no `/v1`). */
export function createDriver(kind: ClientKind, baseURL: string): Driver {
  if (kind === 'openai') return createOpenAIDriver(baseURL);
  return createAnthropicDriver(baseURL, kind === 'anthropic-apiKey' ? 'apiKey' : 'authToken');
}
