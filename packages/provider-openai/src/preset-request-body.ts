import { createHash } from 'node:crypto';
import type { Warning } from '@signalbox/core';
import type { OpenAICompatiblePreset } from './presets.js';

const nineAlphanumeric = /^[A-Za-z0-9]{9}$/;

/** A tool call id as 9 letters and digits (Mistral's rule), stable for the same id. */
export function nineCharacterToolCallId(id: string): string {
  if (nineAlphanumeric.test(id)) return id;
  const digest = createHash('sha256')
    .update(id)
    .digest('base64')
    .replace(/[^A-Za-z0-9]/g, '');
  return digest.slice(0, 9).padEnd(9, '0');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function rewriteToolCallIds(messages: unknown): unknown {
  if (!Array.isArray(messages)) return messages;
  return messages.map((message) => {
    if (!isObject(message)) return message;
    const next = { ...message };
    if (typeof next.tool_call_id === 'string') next.tool_call_id = nineCharacterToolCallId(next.tool_call_id);
    if (Array.isArray(next.tool_calls))
      next.tool_calls = next.tool_calls.map((call) =>
        isObject(call) && typeof call.id === 'string'
          ? { ...call, id: nineCharacterToolCallId(call.id) }
          : call,
      );
    return next;
  });
}

/**
 * Makes an OpenAI request body acceptable to a stricter OpenAI-compatible server, as its preset
 * describes: `stream_options` removed when the server rejects it (it sends usage anyway),
 * fields renamed (`seed` -> `random_seed`), fields it rejects (or does not allow) left out with
 * an 'unsupported' warning each, and tool call ids rewritten to 9 letters and digits (the same
 * id always gives the same rewrite, so calls and results still match).
 */
export function presetRequestBody(
  preset: OpenAICompatiblePreset,
  body: Record<string, unknown>,
  warnings: Warning[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const allowed = preset.allowedFields === undefined ? undefined : new Set<string>(preset.allowedFields);
  const rejected = new Set<string>(preset.unsupportedFields ?? []);
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined) continue;
    if (key === 'stream_options' && preset.rejectsStreamOptions) continue;
    const name = preset.renamedFields?.[key] ?? key;
    if (rejected.has(name) || (allowed !== undefined && !allowed.has(name))) {
      warnings.push({
        type: 'unsupported',
        feature: key,
        details: `${preset.title} does not accept '${key}'; it was not sent.`,
      });
      continue;
    }
    out[name] = value;
  }
  if (preset.toolCallIds === 'nine-alphanumeric') out.messages = rewriteToolCallIds(out.messages);
  return out;
}
