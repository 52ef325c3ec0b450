import type { SseEvent, StreamPart } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import { withResponseFields } from './response-fields.js';

const decoders = withResponseFields({
  key: 'perplexity',
  marker: '"citations"',
  pick: (json) => (json.citations === undefined ? undefined : { citations: json.citations }),
  skip: (json) => Array.isArray(json.choices) && json.choices.length === 0 && json.usage === undefined,
});

const completion = {
  id: 'c1',
  object: 'chat.completion',
  created: 1,
  model: 'sonar',
  citations: ['https://example.com/a'],
  choices: [{ index: 0, message: { role: 'assistant', content: 'Hi' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
};

describe('withResponseFields', () => {
  it('keeps picked fields of a completion in providerMetadata', () => {
    const result = decoders.decodeResponse(completion, []);
    expect(result.providerMetadata).toEqual({ perplexity: { citations: ['https://example.com/a'] } });
    expect(
      decoders.decodeResponse({ ...completion, citations: undefined }, []).providerMetadata,
    ).toBeUndefined();
  });

  it('keeps them from stream chunks on the finish part, and skips chunks that carry only them', async () => {
    const chunks = [
      { id: '', model: '', choices: [], citations: ['https://example.com/first'] },
      { id: 'c1', model: 'sonar', choices: [{ index: 0, delta: { content: 'Hi' } }] },
      {
        id: 'c1',
        model: 'sonar',
        citations: ['https://example.com/b'],
        choices: [{ index: 0, delta: {}, finish_reason: 'stop' }],
      },
      {
        id: 'c1',
        model: 'sonar',
        choices: [],
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
      },
    ];
    const events = (async function* (): AsyncGenerator<SseEvent> {
      for (const chunk of chunks) yield { data: JSON.stringify(chunk) } as SseEvent;
      yield { data: '[DONE]' } as SseEvent;
    })();
    const parts: StreamPart[] = [];
    for await (const part of decoders.decodeStream(events, [])) parts.push(part);
    expect(parts.find((part) => part.type === 'response-metadata')).toMatchObject({
      id: 'c1',
      modelId: 'sonar',
    });
    const finish = parts.at(-1);
    expect(finish?.type === 'finish' && finish.providerMetadata).toEqual({
      perplexity: { citations: ['https://example.com/b'] },
    });
    expect(finish?.type === 'finish' && finish.usage.inputTokens.total).toBe(1);
  });
});
