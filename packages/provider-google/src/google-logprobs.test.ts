import { describe, expect, it } from 'vitest';
import { toOpenAILogprobs } from './google-logprobs.js';

describe('toOpenAILogprobs', () => {
  it('converts chosen and top candidates to the OpenAI shape', () => {
    expect(
      toOpenAILogprobs({
        topCandidates: [
          {
            candidates: [
              { token: 'Hi', tokenId: 1, logProbability: -0.1 },
              { token: 'Hello', tokenId: 2, logProbability: -2.5 },
            ],
          },
        ],
        chosenCandidates: [{ token: 'Hi', tokenId: 1, logProbability: -0.1 }],
      }),
    ).toEqual({
      content: [
        {
          token: 'Hi',
          logprob: -0.1,
          bytes: null,
          top_logprobs: [
            { token: 'Hi', logprob: -0.1, bytes: null },
            { token: 'Hello', logprob: -2.5, bytes: null },
          ],
        },
      ],
    });
  });

  it('is undefined without candidates', () => {
    expect(toOpenAILogprobs(undefined)).toBeUndefined();
    expect(toOpenAILogprobs({ chosenCandidates: [] })).toBeUndefined();
  });
});
