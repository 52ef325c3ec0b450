import { describe, expect, it } from 'vitest';
import { mapBedrockStopReason } from './map-bedrock-stop-reason.js';

describe('mapBedrockStopReason', () => {
  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['max_tokens', 'length'],
    ['model_context_window_exceeded', 'length'],
    ['tool_use', 'tool-calls'],
    ['guardrail_intervened', 'content-filter'],
    ['content_filtered', 'content-filter'],
    ['malformed_model_output', 'other'],
  ])('%s -> %s, raw kept', (raw, unified) => {
    expect(mapBedrockStopReason(raw)).toEqual({ unified, raw });
  });

  it('a missing reason is other with no raw value', () => {
    expect(mapBedrockStopReason(undefined)).toEqual({ unified: 'other', raw: undefined });
    expect(mapBedrockStopReason(null)).toEqual({ unified: 'other', raw: undefined });
  });
});
