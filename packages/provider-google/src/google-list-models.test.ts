import { readFile } from 'node:fs/promises';
import { GatewayError } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import { fromGoogleModelList } from './google-list-models.js';

describe('fromGoogleModelList', () => {
  it('lists the models that generate content', async () => {
    const body = JSON.parse(
      await readFile(new URL('./__fixtures__/google-models.json', import.meta.url), 'utf8'),
    );
    expect(fromGoogleModelList(body, 'google')).toEqual([
      { id: 'gemini-2.5-flash', name: 'Gemini 2.5 Flash', ownedBy: 'google', contextLength: 1_048_576 },
    ]);
  });

  it('a body without models is a 502', () => {
    expect(() => fromGoogleModelList({}, 'google')).toThrow(GatewayError);
  });
});
