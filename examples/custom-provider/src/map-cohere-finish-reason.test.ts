import { describe, expect, it } from 'vitest';
import { mapCohereFinishReason } from './map-cohere-finish-reason.js';

describe('mapCohereFinishReason', () => {
  it.each([
    ['COMPLETE', 'stop'],
    ['STOP_SEQUENCE', 'stop'],
    ['MAX_TOKENS', 'length'],
    ['TOOL_CALL', 'tool-calls'],
    ['ERROR', 'error'],
    ['TIMEOUT', 'error'],
    ['ERROR_TOXIC', 'content-filter'],
    ['SOMETHING_NEW', 'other'],
  ])('%s -> %s, raw kept', (raw, expected) => {
    expect(mapCohereFinishReason(raw)).toEqual({ unified: expected, raw });
  });

  it('an absent reason is other with no raw value', () => {
    expect(mapCohereFinishReason(undefined)).toEqual({ unified: 'other', raw: undefined });
    expect(mapCohereFinishReason(null)).toEqual({ unified: 'other', raw: undefined });
  });

  it('does not read inherited keys', () => {
    expect(mapCohereFinishReason('toString')).toEqual({ unified: 'other', raw: 'toString' });
  });
});
