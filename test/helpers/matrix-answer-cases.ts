import { expect } from 'vitest';
import {
  type Cell,
  FINISH,
  IMAGE_URL,
  record,
  upstreamBlocks,
  upstreamToolIds,
  weatherTool,
  words,
} from './matrix-cell.js';
import type { Answer, Ask, ToolCallSeen } from './matrix-clients.js';
import { PARALLEL_CALLS, PARALLEL_PREAMBLE } from './matrix-parallel-upstream.js';
import { PIXEL_PNG } from './start.js';

/** Ids a client of this format would mint for its own earlier tool calls. */
function clientCallIds(cell: Cell): [string, string] {
  return cell.driver.format === 'openai'
    ? ['call_paris01', 'call_rome02']
    : ['toolu_01paris', 'toolu_02rome'];
}

async function text(cell: Cell): Promise<void> {
  const answer = await cell.driver.ask({ model: cell.model, text: 'Hello there' }, cell.mode);
  expect(answer.text).toBe('echo: Hello there');
  expect(answer.toolCalls).toEqual([]);
  if (cell.mode === 'stream') expect(answer.frames).toBeGreaterThan(2);
}

async function toolsRoundTrip(cell: Cell): Promise<void> {
  const ask: Ask = { model: cell.model, text: 'What is the weather in Paris?', tools: [weatherTool] };
  const first = await cell.driver.ask(ask, cell.mode);
  expect(first.toolCalls).toHaveLength(1);
  const call = first.toolCalls[0] as ToolCallSeen;
  expect(call).toMatchObject({ name: 'get_weather', input: { city: 'Paris' } });
  // The upstream's own id reaches the client unchanged.
  expect(call.id).toMatch(cell.target === 'openai' ? /^call_/ : /^toolu_/);
  const second = await cell.driver.ask(
    { ...ask, toolHistory: { calls: [call], outputs: ['sunny, 21C'] } },
    cell.mode,
  );
  expect(second.text).toBe('tool said: sunny, 21C');
  expect(upstreamToolIds(cell)).toEqual({ calls: [call.id], results: [call.id] });
}

async function parallelToolCalls(cell: Cell): Promise<void> {
  const [paris, rome] = clientCallIds(cell);
  const calls: ToolCallSeen[] = [
    { id: paris, name: 'get_weather', input: { city: 'Paris' } },
    { id: rome, name: 'get_weather', input: { city: 'Rome' } },
  ];
  const answer = await cell.driver.ask(
    {
      model: cell.model,
      text: 'Weather in Paris and Rome?',
      tools: [weatherTool],
      toolHistory: { calls, outputs: ['sunny', 'rainy'] },
    },
    cell.mode,
  );
  expect(answer.text).toBe('tool said: sunny, rainy');
  expect(upstreamToolIds(cell)).toEqual({ calls: [paris, rome], results: [paris, rome] });
}

async function parallelToolCallsAnswered(cell: Cell): Promise<void> {
  const answer = await cell.parallelDriver.ask(
    { model: cell.model, text: 'Weather in Paris and Rome?', tools: [weatherTool] },
    cell.mode,
  );
  // Both calls, in order, with the upstream's ids and complete inputs.
  expect(answer.toolCalls).toEqual(PARALLEL_CALLS[cell.target]);
  expect(answer.text).toBe(cell.target === 'anthropic' ? PARALLEL_PREAMBLE : '');
  expect(answer.finish).toBe(FINISH[cell.driver.format].tool);
}

async function image(cell: Cell, kind: 'base64' | 'url'): Promise<void> {
  const answer = await cell.driver.ask(
    {
      model: cell.model,
      text: 'Describe',
      images: [kind === 'url' ? { kind, url: IMAGE_URL } : { kind, mediaType: 'image/png', data: PIXEL_PNG }],
    },
    cell.mode,
  );
  expect(answer.text).toBe('echo: Describe [1 image]');
  const blocks = upstreamBlocks(cell);
  if (cell.target === 'openai') {
    const url = kind === 'url' ? IMAGE_URL : `data:image/png;base64,${PIXEL_PNG}`;
    expect(blocks).toContainEqual(
      expect.objectContaining({ type: 'image_url', image_url: expect.objectContaining({ url }) }),
    );
  } else {
    const source =
      kind === 'url'
        ? { type: 'url', url: IMAGE_URL }
        : { type: 'base64', media_type: 'image/png', data: PIXEL_PNG };
    expect(blocks).toContainEqual(expect.objectContaining({ type: 'image', source }));
  }
}

function checkUsage(cell: Cell, answer: Answer): Record<string, number | null> {
  const usage = record(answer.usage);
  const output = words(answer.text);
  if (cell.driver.format === 'openai') {
    const prompt = usage.prompt_tokens as number;
    expect(prompt).toBeGreaterThan(0);
    expect(usage.completion_tokens).toBe(output);
    expect(usage.total_tokens).toBe(prompt + output);
    const details = record(usage.prompt_tokens_details);
    expect(details.cached_tokens).toBeTypeOf('number');
    return { prompt, completion: output, cached: details.cached_tokens as number };
  }
  expect(usage.input_tokens).toBeGreaterThan(0);
  expect(usage.output_tokens).toBe(output);
  expect(usage).toHaveProperty('cache_creation_input_tokens');
  expect(usage).toHaveProperty('cache_read_input_tokens');
  const read = usage.cache_read_input_tokens as number | null;
  const write = usage.cache_creation_input_tokens as number | null;
  for (const value of [read, write]) if (value !== null) expect(value).toBeTypeOf('number');
  return { input: usage.input_tokens as number, output, read, write };
}

async function usage(cell: Cell): Promise<void> {
  const ask: Ask = {
    model: cell.model,
    system: 'Count carefully.',
    text: 'How many tokens is this sentence?',
  };
  const answer = await cell.driver.ask(ask, cell.mode);
  const counted = checkUsage(cell, answer);
  // The same request in the other mode reports the same numbers.
  const other = await cell.driver.ask(ask, cell.mode === 'plain' ? 'stream' : 'plain');
  expect(checkUsage(cell, other)).toEqual(counted);
}

async function promptCaching(cell: Cell): Promise<void> {
  const ask: Ask = {
    model: cell.model,
    system: `Cached instructions for ${cell.driver.kind} in ${cell.mode} mode. ${'Be precise. '.repeat(40)}`,
    cacheSystem: true,
    text: 'What did I say?',
  };
  const first = record((await cell.driver.ask(ask, cell.mode)).usage);
  const second = record((await cell.driver.ask(ask, cell.mode)).usage);
  const cached = cell.target === 'anthropic'; // the fake OpenAI reports no cached tokens
  if (cell.driver.format === 'openai') {
    // prompt_tokens counts every input token, cached or not: the same prompt, the same count.
    expect(second.prompt_tokens).toBe(first.prompt_tokens);
    expect(second.total_tokens).toBe((second.prompt_tokens as number) + (second.completion_tokens as number));
    const written = record(first.prompt_tokens_details).cache_write_tokens;
    const read = record(second.prompt_tokens_details).cached_tokens;
    expect(record(first.prompt_tokens_details).cached_tokens).toBe(0);
    if (cached) {
      expect(written).toBeGreaterThan(0);
      expect(read).toBe(written);
    } else {
      expect(read).toBe(0);
    }
    return;
  }
  expect(second.input_tokens).toBe(first.input_tokens);
  if (cached) {
    expect(first.cache_creation_input_tokens).toBeGreaterThan(0);
    expect(first.cache_read_input_tokens).toBe(0);
    expect(second).toMatchObject({
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: first.cache_creation_input_tokens,
    });
  } else {
    expect(second.cache_read_input_tokens).toBe(0);
    expect(second.cache_creation_input_tokens ?? 0).toBe(0);
  }
}

async function stopEnd(cell: Cell): Promise<void> {
  const answer = await cell.driver.ask({ model: cell.model, text: 'Just a normal answer' }, cell.mode);
  expect(answer.finish).toBe(FINISH[cell.driver.format].stop);
  if (cell.driver.format === 'anthropic') expect(answer.stopSequence ?? null).toBeNull();
}

async function stopLength(cell: Cell): Promise<void> {
  const answer = await cell.driver.ask(
    { model: cell.model, text: 'one two three four five six', maxTokens: 3 },
    cell.mode,
  );
  expect(answer.text).toBe('echo: one two');
  expect(answer.finish).toBe(FINISH[cell.driver.format].length);
}

async function stopTool(cell: Cell): Promise<void> {
  const answer = await cell.driver.ask(
    { model: cell.model, text: 'What is the weather like?', tools: [weatherTool] },
    cell.mode,
  );
  expect(answer.finish).toBe(FINISH[cell.driver.format].tool);
}

async function stopSequence(cell: Cell): Promise<void> {
  const answer = await cell.driver.ask(
    { model: cell.model, text: 'one two three four', stop: ['three'] },
    cell.mode,
  );
  expect(answer.text).toBe('echo: one two ');
  if (cell.driver.format === 'openai') {
    expect(answer.finish).toBe('stop');
  } else if (cell.target === 'anthropic') {
    expect(answer).toMatchObject({ finish: 'stop_sequence', stopSequence: 'three' });
  } else {
    // OpenAI reports a stop sequence as a plain `stop`: which one matched is not known.
    expect(answer.finish).toBe('end_turn');
  }
}

/** The cells about answers: text, tools, images, usage, stop reasons. */
export const ANSWER_CASES: ReadonlyArray<[string, (cell: Cell) => Promise<void>]> = [
  ['text', text],
  ['tools round trip (ids preserved)', toolsRoundTrip],
  ['parallel tool calls and results', parallelToolCalls],
  ['parallel tool calls in the answer', parallelToolCallsAnswered],
  ['image input (base64)', (cell) => image(cell, 'base64')],
  ['image input (URL)', (cell) => image(cell, 'url')],
  ['usage', usage],
  ['usage with prompt caching', promptCaching],
  ['stop reason: natural end', stopEnd],
  ['stop reason: max tokens', stopLength],
  ['stop reason: tool call', stopTool],
  ['stop reason: stop sequence', stopSequence],
];
