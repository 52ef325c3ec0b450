import { describe, expect, it } from 'vitest';
import { mapAnthropicStopReason, toAnthropicStopReason } from './map-anthropic-stop-reason.js';

describe('mapAnthropicStopReason', () => {
  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['max_tokens', 'length'],
    ['model_context_window_exceeded', 'length'],
    ['tool_use', 'tool-calls'],
    ['refusal', 'content-filter'],
    ['pause_turn', 'other'],
    ['something_new', 'other'],
  ])('maps %s to %s and keeps the raw value', (raw, unified) => {
    expect(mapAnthropicStopReason(raw)).toEqual({ unified, raw });
  });

  it('maps a missing stop reason to other', () => {
    expect(mapAnthropicStopReason(null)).toEqual({ unified: 'other', raw: undefined });
  });
});

describe('toAnthropicStopReason', () => {
  it('keeps an Anthropic raw value that agrees with the unified reason', () => {
    expect(toAnthropicStopReason({ unified: 'stop', raw: 'stop_sequence' })).toBe('stop_sequence');
    expect(toAnthropicStopReason({ unified: 'other', raw: 'pause_turn' })).toBe('pause_turn');
  });

  it('maps other providers’ reasons by their unified value', () => {
    expect(toAnthropicStopReason({ unified: 'stop', raw: 'stop' })).toBe('end_turn');
    expect(toAnthropicStopReason({ unified: 'length', raw: 'length' })).toBe('max_tokens');
    expect(toAnthropicStopReason({ unified: 'tool-calls', raw: 'tool_calls' })).toBe('tool_use');
    expect(toAnthropicStopReason({ unified: 'content-filter', raw: 'content_filter' })).toBe('refusal');
    expect(toAnthropicStopReason({ unified: 'error', raw: undefined })).toBe('end_turn');
    expect(toAnthropicStopReason({ unified: 'stop', raw: 'tool_use' })).toBe('end_turn');
  });
});
