import type { Warning } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import { nineCharacterToolCallId, presetRequestBody } from './preset-request-body.js';
import { openaiPresets } from './presets.js';

describe('presetRequestBody', () => {
  it('leaves a lenient server’s body alone', () => {
    const body = {
      model: 'm',
      messages: [],
      stream: true,
      stream_options: { include_usage: true },
      logit_bias: { 1: 2 },
    };
    expect(presetRequestBody(openaiPresets.together, body, [])).toEqual(body);
  });

  it('drops the fields Groq rejects, with warnings', () => {
    const warnings: Warning[] = [];
    const body = presetRequestBody(
      openaiPresets.groq,
      { model: 'm', messages: [], logprobs: true, top_logprobs: 2 },
      warnings,
    );
    expect(body).toEqual({ model: 'm', messages: [] });
    expect(warnings.map((warning) => 'feature' in warning && warning.feature)).toEqual([
      'logprobs',
      'top_logprobs',
    ]);
  });

  it('makes a body Mistral accepts: no stream_options, random_seed, only its fields, 9-character tool ids', () => {
    const warnings: Warning[] = [];
    const body = presetRequestBody(
      openaiPresets.mistral,
      {
        model: 'mistral-small-latest',
        stream: true,
        stream_options: { include_usage: true },
        seed: 7,
        user: 'u1',
        messages: [
          {
            role: 'assistant',
            tool_calls: [
              { id: 'call_abc123def456', type: 'function', function: { name: 'f', arguments: '{}' } },
            ],
          },
          { role: 'tool', tool_call_id: 'call_abc123def456', content: 'ok' },
        ],
      },
      warnings,
    );
    const id = nineCharacterToolCallId('call_abc123def456');
    expect(id).toMatch(/^[A-Za-z0-9]{9}$/);
    expect(body).toEqual({
      model: 'mistral-small-latest',
      stream: true,
      random_seed: 7,
      messages: [
        {
          role: 'assistant',
          tool_calls: [{ id, type: 'function', function: { name: 'f', arguments: '{}' } }],
        },
        { role: 'tool', tool_call_id: id, content: 'ok' },
      ],
    });
    expect(warnings).toEqual([expect.objectContaining({ type: 'unsupported', feature: 'user' })]);
  });

  it('keeps ids that already fit', () => {
    expect(nineCharacterToolCallId('aB3dE6gH9')).toBe('aB3dE6gH9');
    expect(nineCharacterToolCallId('x')).toBe(nineCharacterToolCallId('x'));
  });
});
