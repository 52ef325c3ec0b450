import { describe, expect, it } from 'vitest';
import { mapOpenAIFinishReason, toOpenAIFinishReason } from './map-openai-finish-reason.js';

describe('mapOpenAIFinishReason', () => {
  it('maps every OpenAI value and keeps the raw one', () => {
    expect(mapOpenAIFinishReason('stop')).toEqual({ unified: 'stop', raw: 'stop' });
    expect(mapOpenAIFinishReason('length')).toEqual({ unified: 'length', raw: 'length' });
    expect(mapOpenAIFinishReason('tool_calls')).toEqual({ unified: 'tool-calls', raw: 'tool_calls' });
    expect(mapOpenAIFinishReason('function_call')).toEqual({ unified: 'tool-calls', raw: 'function_call' });
    expect(mapOpenAIFinishReason('content_filter')).toEqual({
      unified: 'content-filter',
      raw: 'content_filter',
    });
    expect(mapOpenAIFinishReason('error')).toEqual({ unified: 'error', raw: 'error' });
  });

  it('maps unknown and missing values to other', () => {
    expect(mapOpenAIFinishReason('eos')).toEqual({ unified: 'other', raw: 'eos' });
    expect(mapOpenAIFinishReason(null)).toEqual({ unified: 'other', raw: undefined });
    expect(mapOpenAIFinishReason(undefined)).toEqual({ unified: 'other', raw: undefined });
  });
});

describe('toOpenAIFinishReason', () => {
  it('keeps a raw value OpenAI itself sends', () => {
    expect(toOpenAIFinishReason({ unified: 'tool-calls', raw: 'function_call' })).toBe('function_call');
    expect(toOpenAIFinishReason({ unified: 'stop', raw: 'stop' })).toBe('stop');
  });

  it('maps other providers’ reasons through the unified value', () => {
    expect(toOpenAIFinishReason({ unified: 'stop', raw: 'end_turn' })).toBe('stop');
    expect(toOpenAIFinishReason({ unified: 'length', raw: 'max_tokens' })).toBe('length');
    expect(toOpenAIFinishReason({ unified: 'tool-calls', raw: 'tool_use' })).toBe('tool_calls');
    expect(toOpenAIFinishReason({ unified: 'content-filter', raw: 'refusal' })).toBe('content_filter');
    expect(toOpenAIFinishReason({ unified: 'other', raw: 'pause_turn' })).toBe('stop');
    expect(toOpenAIFinishReason({ unified: 'error', raw: undefined })).toBe('stop');
  });
});
