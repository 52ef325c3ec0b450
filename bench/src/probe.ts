import { request } from 'undici';

/** What one checked request saw. */
export interface ProbeResult {
  ok: boolean;
  status: number;
  /** `x-signalbox-cache-status`, when the server sent it. */
  cacheStatus: string | undefined;
  /** Why it is not ok. */
  problem?: string;
}

/**
 * Sends one request and checks the answer is what the load run will count: a 200 with the
 * upstream's reply in it (`expectText`), or for a stream an event stream that ends with `[DONE]`.
 */
export async function probe(options: {
  url: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  stream: boolean;
  expectText: string;
}): Promise<ProbeResult> {
  const response = await request(options.url + options.path, {
    method: 'POST',
    headers: options.headers,
    body: options.body,
  });
  const text = await response.body.text();
  const header = response.headers['x-signalbox-cache-status'];
  const cacheStatus = typeof header === 'string' ? header : undefined;
  const fail = (problem: string): ProbeResult => ({
    ok: false,
    status: response.statusCode,
    cacheStatus,
    problem,
  });
  if (response.statusCode !== 200) return fail(`status ${response.statusCode}: ${text.slice(0, 300)}`);
  if (options.stream && !text.trimEnd().endsWith('data: [DONE]'))
    return fail('the stream did not end with [DONE]');
  const words = options.expectText.split(' ');
  // Streams carry the text one word per event: check the words, not the sentence.
  if (!words.every((word) => text.includes(word))) return fail(`the reply is missing: ${text.slice(0, 300)}`);
  return { ok: true, status: 200, cacheStatus };
}
