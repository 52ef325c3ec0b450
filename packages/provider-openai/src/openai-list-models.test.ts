import { describe, expect, it } from 'vitest';
import modelList from './__fixtures__/openai-models.json' with { type: 'json' };
import { fromOpenAIModelList } from './openai-list-models.js';

describe('fromOpenAIModelList', () => {
  it('maps id, created and owned_by', () => {
    expect(fromOpenAIModelList(modelList, 'openai')).toEqual([
      { id: 'gpt-4o-mini', created: 1721172741, ownedBy: 'system' },
      { id: 'gpt-4o', created: 1715367049, ownedBy: 'system' },
      { id: 'local-model' },
    ]);
  });

  it('rejects a body that is not a model list with a retryable 502', () => {
    expect(() => fromOpenAIModelList({ models: [] }, 'openai')).toThrow(
      expect.objectContaining({ status: 502, isRetryable: true, provider: 'openai' }),
    );
  });
});
