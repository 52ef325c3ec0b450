/** The gateway key the Signalbox stacks accept and every benchmark request carries. */
export const BENCH_GATEWAY_KEY = 'sk-sb-bench-key-0000000001';

/** The model every request asks for (the fast upstream echoes it). */
export const BENCH_MODEL = 'openai/gpt-4o-mini';

/** The path every server answers. */
export const CHAT_COMPLETIONS_PATH = '/v1/chat/completions';

/** A small, ordinary chat request (system + user message, sampling parameters). */
export function chatBody(options: { stream?: boolean; model?: string } = {}): string {
  return JSON.stringify({
    model: options.model ?? BENCH_MODEL,
    messages: [
      { role: 'system', content: 'You are a helpful assistant. Answer in one short sentence.' },
      { role: 'user', content: 'What is the capital of France, and why is it famous?' },
    ],
    temperature: 0.2,
    max_tokens: 64,
    ...(options.stream && { stream: true }),
  });
}

/** The headers every benchmark request carries; `cache` opts in to the response cache. */
export function chatHeaders(options: { cache?: boolean } = {}): Record<string, string> {
  return {
    'content-type': 'application/json',
    authorization: `Bearer ${BENCH_GATEWAY_KEY}`,
    ...(options.cache && { 'x-signalbox-cache': 'true' }),
  };
}
