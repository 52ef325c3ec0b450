import { describe, expect, it } from 'vitest';
import { fromCohereModelList } from './cohere-list-models.js';

describe('fromCohereModelList', () => {
  it('lists the chat models with their context length', () => {
    const models = fromCohereModelList(
      {
        models: [
          { name: 'command-a-03-2025', endpoints: ['generate', 'chat'], context_length: 256000 },
          { name: 'embed-v4.0', endpoints: ['embed'], context_length: 128000 },
          { name: 'command-r7b-12-2024' },
          { endpoints: ['chat'] },
        ],
        next_page_token: null,
      },
      'cohere',
    );
    expect(models).toEqual([
      { id: 'command-a-03-2025', ownedBy: 'cohere', contextLength: 256000 },
      { id: 'command-r7b-12-2024', ownedBy: 'cohere' },
    ]);
  });

  it('an answer that is not a list gives no models', () => {
    expect(fromCohereModelList({ message: 'nope' }, 'cohere')).toEqual([]);
    expect(fromCohereModelList(null, 'cohere')).toEqual([]);
  });
});
