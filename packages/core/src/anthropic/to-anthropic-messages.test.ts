import { describe, expect, it } from 'vitest';
import type { Message } from '../spec/v1/message.js';
import type { Warning } from '../spec/v1/warning.js';
import { lacksThinkingForToolLoop, toAnthropicPrompt } from './to-anthropic-messages.js';

describe('toAnthropicPrompt', () => {
  it('moves every system message to system, warning about a late one', () => {
    const warnings: Warning[] = [];
    const prompt = toAnthropicPrompt(
      [
        { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
        { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
        {
          role: 'system',
          content: [
            {
              type: 'text',
              text: 'Now in French.',
              providerOptions: { anthropic: { cache_control: { type: 'ephemeral' } } },
            },
            { type: 'text', text: '' },
          ],
        },
      ],
      warnings,
    );
    expect(prompt.system).toEqual([
      { type: 'text', text: 'Be brief.' },
      { type: 'text', text: 'Now in French.', cache_control: { type: 'ephemeral' } },
    ]);
    expect(prompt.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }]);
    expect(warnings).toEqual([
      expect.objectContaining({ type: 'compatibility', feature: 'system message inside the conversation' }),
    ]);
  });

  it('merges same-role turns and puts tool results first in a user turn', () => {
    const messages: Message[] = [
      { role: 'user', content: [{ type: 'text', text: 'Weather in Paris and Rome?' }] },
      { role: 'user', content: [{ type: 'text', text: 'Quickly.' }] },
      {
        role: 'assistant',
        content: [
          { type: 'tool-call', toolCallId: 'a', toolName: 'weather', input: '{"city":"Paris"}' },
          { type: 'tool-call', toolCallId: 'b', toolName: 'weather', input: '{"city":"Rome"}' },
        ],
      },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'a', output: '20C' }] },
      { role: 'user', content: [{ type: 'text', text: 'Also Oslo.' }] },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'b', output: '25C', isError: false }] },
    ];
    const prompt = toAnthropicPrompt(messages, []);
    expect(prompt.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Weather in Paris and Rome?' },
          { type: 'text', text: 'Quickly.' },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'tool_use', id: 'a', name: 'weather', input: { city: 'Paris' } },
          { type: 'tool_use', id: 'b', name: 'weather', input: { city: 'Rome' } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'a', content: '20C' },
          { type: 'tool_result', tool_use_id: 'b', content: '25C', is_error: false },
          { type: 'text', text: 'Also Oslo.' },
        ],
      },
    ]);
  });

  it('drops unsigned reasoning, keeps signed and redacted reasoning, turns refusals into text', () => {
    const prompt = toAnthropicPrompt(
      [
        { role: 'user', content: [{ type: 'text', text: 'Q' }] },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'from another model' },
            { type: 'reasoning', text: 'signed', signature: 'sig' },
            { type: 'reasoning', text: '', redactedData: 'opaque' },
            { type: 'refusal', text: 'No.' },
          ],
        },
      ],
      [],
    );
    expect(prompt.messages[1]?.content).toEqual([
      { type: 'thinking', thinking: 'signed', signature: 'sig' },
      { type: 'redacted_thinking', data: 'opaque' },
      { type: 'text', text: 'No.' },
    ]);
  });

  it('re-emits message and part extras and opaque blocks', () => {
    const serverToolUse = { type: 'server_tool_use', id: 's1', name: 'web_search', input: { query: 'q' } };
    const prompt = toAnthropicPrompt(
      [
        {
          role: 'user',
          content: [{ type: 'text', text: 'Q' }],
          providerOptions: { anthropic: { future_field: 1 } },
        },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: '', providerOptions: { anthropic: { rawBlock: serverToolUse } } },
            {
              type: 'tool-call',
              toolCallId: 't',
              toolName: 'f',
              input: '{}',
              providerOptions: { anthropic: { cache_control: { type: 'ephemeral' } } },
            },
          ],
        },
      ],
      [],
    );
    expect(prompt.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Q' }], future_field: 1 },
      {
        role: 'assistant',
        content: [
          serverToolUse,
          { type: 'tool_use', id: 't', name: 'f', input: {}, cache_control: { type: 'ephemeral' } },
        ],
      },
    ]);
  });

  it('warns about audio and message names, and skips messages left empty', () => {
    const warnings: Warning[] = [];
    const prompt = toAnthropicPrompt(
      [
        {
          role: 'user',
          name: 'alice',
          content: [{ type: 'file', source: { type: 'base64', data: 'AAAA' }, mediaType: 'audio/wav' }],
        },
        { role: 'user', content: [{ type: 'text', text: 'Transcribe?' }] },
      ],
      warnings,
    );
    expect(prompt.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'Transcribe?' }] }]);
    expect(warnings.map((warning) => warning.type === 'other' || warning.feature)).toEqual([
      'message name',
      'audio input',
    ]);
  });
});

describe('lacksThinkingForToolLoop', () => {
  it('spots a tool loop whose assistant turn has no thinking block', () => {
    const loop = [
      { role: 'user' as const, content: [{ type: 'text', text: 'Q' }] },
      { role: 'assistant' as const, content: [{ type: 'tool_use', id: 't', name: 'f', input: {} }] },
      { role: 'user' as const, content: [{ type: 'tool_result', tool_use_id: 't', content: 'x' }] },
    ];
    expect(lacksThinkingForToolLoop(loop)).toBe(true);
    const signed = [
      loop[0]!,
      {
        role: 'assistant' as const,
        content: [{ type: 'thinking', thinking: 'x', signature: 's' }, ...loop[1]!.content],
      },
      loop[2]!,
    ];
    expect(lacksThinkingForToolLoop(signed)).toBe(false);
    expect(lacksThinkingForToolLoop(loop.slice(0, 1))).toBe(false);
  });
});
