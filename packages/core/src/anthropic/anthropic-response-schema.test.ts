import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSse } from '../sse/parse-sse.js';
import {
  anthropicErrorBodySchema,
  anthropicMessageSchema,
  anthropicStreamEventSchema,
} from './anthropic-response-schema.js';

function read(name: string): string {
  return readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
}

describe('anthropic response schemas', () => {
  it.each(['anthropic-text.json', 'anthropic-tool-use.json', 'anthropic-thinking.json'])(
    'accept %s',
    (name) => {
      const parsed = anthropicMessageSchema.parse(JSON.parse(read(name)));
      expect(parsed.usage.input_tokens).toBeGreaterThan(0);
    },
  );

  it('accept every event of a recorded stream', async () => {
    const types: string[] = [];
    for await (const event of parseSse(asyncOf([read('anthropic-thinking-tool.sse.txt')]))) {
      const parsed = anthropicStreamEventSchema.parse(JSON.parse(event.data));
      expect(parsed.type).toBe(event.event);
      types.push(parsed.type);
    }
    expect(types[0]).toBe('message_start');
    expect(types.at(-1)).toBe('message_stop');
  });

  it('accept error bodies and reject other shapes', () => {
    expect(
      anthropicErrorBodySchema.parse({
        type: 'error',
        error: { type: 'overloaded_error', message: 'Overloaded' },
      }),
    ).toBeTruthy();
    expect(anthropicMessageSchema.safeParse({ id: 'x', content: 'nope' }).success).toBe(false);
  });
});

async function* asyncOf<T>(items: Iterable<T>): AsyncGenerator<T> {
  yield* items;
}
