import type { ChatRequest } from '@signalbox/core';

/**
 * Whether `model` is in the allowlist: an exact id, or a pattern ending in `*` (`openai/*`).
 * Ids are compared as the client sends them (aliases are listed by their alias).
 */
export function isModelAllowed(model: string, allowlist: readonly string[]): boolean {
  for (const entry of allowlist) {
    if (entry === model || entry === '*') return true;
    if (entry.endsWith('*') && model.startsWith(entry.slice(0, -1))) return true;
  }
  return false;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/**
 * Every model a request may reach: `model`, and the fallback models of both hosted styles
 * (OpenRouter `models` and `fallbacks[].model`, Vercel `providerOptions.gateway.models`), so an
 * allowlist cannot be bypassed through a fallback.
 */
export function requestedModels(request: ChatRequest): string[] {
  const extra = request.source?.extraFields ?? {};
  const fallbacks = Array.isArray(extra.fallbacks)
    ? extra.fallbacks.map((entry) => record(entry)?.model).filter((model) => typeof model === 'string')
    : [];
  const wireGateway = record(record(extra.providerOptions)?.gateway);
  const sdkGateway = record(request.providerOptions?.gateway);
  return [
    ...new Set([
      request.model,
      ...strings(extra.models),
      ...fallbacks,
      ...strings(wireGateway?.models),
      ...strings(sdkGateway?.models),
    ]),
  ];
}
