import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI } from '../openai/openai-server.js';
import type { FakeUpstream } from './fake-upstream.js';

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await startFakeOpenAI();
});
afterAll(() => upstream.close());

/** Reads a whole body as text, keeping what arrived before a failure. */
async function readBody(response: Response): Promise<{ text: string; failed: boolean }> {
  const decoder = new TextDecoder();
  let text = '';
  try {
    for await (const chunk of response.body ?? []) text += decoder.decode(chunk, { stream: true });
    return { text, failed: false };
  } catch {
    return { text, failed: true };
  }
}

function stream(model: string) {
  return fetch(`${upstream.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test' },
    body: JSON.stringify({
      model,
      messages: [{ role: 'user', content: 'one two three four five' }],
      stream: true,
    }),
  });
}

const dataLines = (text: string) => text.split('\n').filter((line) => line.startsWith('data: '));

describe('stream faults', () => {
  it('a normal stream ends with [DONE]', async () => {
    const { text, failed } = await readBody(await stream('gpt-4o-mini'));
    expect(failed).toBe(false);
    expect(dataLines(text)).toHaveLength(9);
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
  });

  it('drip waits between frames', async () => {
    const start = performance.now();
    await readBody(await stream('gpt-4o-mini:drip-15'));
    expect(performance.now() - start).toBeGreaterThanOrEqual(8 * 15 - 10);
  });

  it('drop destroys the socket after n content chunks', async () => {
    const response = await stream('gpt-4o-mini:drop-2');
    expect(response.status).toBe(200);
    const { text, failed } = await readBody(response);
    expect(failed).toBe(true);
    const contents = dataLines(text).map((line) => JSON.parse(line.slice(6)).choices[0].delta.content);
    expect(contents).toEqual(['', 'echo:', ' one']);
    expect(upstream.counters.aborted).toBe(0);
  });

  it('truncate ends the stream cleanly without its final events', async () => {
    const { text, failed } = await readBody(await stream('gpt-4o-mini:truncate'));
    expect(failed).toBe(false);
    expect(text).not.toContain('[DONE]');
    expect(text).not.toContain('"finish_reason":"stop"');
    expect(dataLines(text)).toHaveLength(7);
  });

  it('bad-json inserts a data line that is not JSON', async () => {
    const { text } = await readBody(await stream('gpt-4o-mini:bad-json'));
    const broken = dataLines(text).filter((line) => {
      try {
        if (line !== 'data: [DONE]') JSON.parse(line.slice(6));
        return false;
      } catch {
        return true;
      }
    });
    expect(broken).toHaveLength(1);
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
  });
});
