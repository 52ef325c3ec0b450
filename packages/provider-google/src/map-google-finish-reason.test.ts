import { describe, expect, it } from 'vitest';
import { mapGoogleFinishReason } from './map-google-finish-reason.js';

describe('mapGoogleFinishReason', () => {
  it.each([
    ['STOP', 'stop'],
    ['MAX_TOKENS', 'length'],
    ['SAFETY', 'content-filter'],
    ['RECITATION', 'content-filter'],
    ['BLOCKLIST', 'content-filter'],
    ['PROHIBITED_CONTENT', 'content-filter'],
    ['SPII', 'content-filter'],
    ['IMAGE_SAFETY', 'content-filter'],
    ['MALFORMED_FUNCTION_CALL', 'error'],
    ['UNEXPECTED_TOOL_CALL', 'error'],
    ['OTHER', 'other'],
    ['LANGUAGE', 'other'],
    ['FINISH_REASON_UNSPECIFIED', 'other'],
    ['SOMETHING_NEW', 'other'],
  ])('%s -> %s, raw kept', (raw, unified) => {
    expect(mapGoogleFinishReason(raw)).toEqual({ unified, raw });
  });

  it('a STOP after function calls is tool-calls', () => {
    expect(mapGoogleFinishReason('STOP', { hasToolCalls: true })).toEqual({
      unified: 'tool-calls',
      raw: 'STOP',
    });
    expect(mapGoogleFinishReason('MAX_TOKENS', { hasToolCalls: true }).unified).toBe('length');
  });

  it('no reason at all is a stop with raw undefined', () => {
    expect(mapGoogleFinishReason(undefined)).toEqual({ unified: 'stop', raw: undefined });
  });
});
