import { testServerUrl } from '@signalbox/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRAMEWORKS, startExample, TEST_KEY } from './helpers/start.js';

const ADMIN_KEY = 'e2e-log-stores-admin-key-0123456789';
const admin = { authorization: `Bearer ${ADMIN_KEY}` };

interface LogRecordView {
  generationId: string;
  io: { prompt: Array<{ role: string; content: string }>; completion: { text: string } } | null;
}

async function ask(url: string, content: string, stream = false): Promise<string> {
  const response = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'mock/echo', stream, messages: [{ role: 'user', content }] }),
  });
  expect(response.status).toBe(200);
  await response.text();
  return response.headers.get('x-signalbox-generation-id') ?? '';
}

async function record(url: string, id: string): Promise<LogRecordView> {
  const response = await fetch(`${url}/v1/admin/logs/${id}`, { headers: admin });
  expect(response.status).toBe(200);
  return (await response.json()) as LogRecordView;
}

describe.each(FRAMEWORKS)('request log stores through the example gateway on %s', (framework) => {
  const env = { SIGNALBOX_ADMIN_KEY: ADMIN_KEY, DATABASE_URL: testServerUrl('postgres') };
  let first: Awaited<ReturnType<typeof startExample>>;
  let second: Awaited<ReturnType<typeof startExample>>;
  let capturing: Awaited<ReturnType<typeof startExample>>;

  beforeAll(async () => {
    first = await startExample(framework, env);
    second = await startExample(framework, env);
    capturing = await startExample(framework, { ...env, SIGNALBOX_LOG_IO: 'true' });
  });
  afterAll(async () => {
    await Promise.all([first.close(), second.close(), capturing.close()]);
  });

  it('with DATABASE_URL, two gateway processes share one Postgres log', async () => {
    const fromFirst = await ask(first.url, `shared one ${framework}`);
    const fromSecond = await ask(second.url, `shared two ${framework}`, true);
    await Promise.all([first.log.flush(), second.log.flush()]);
    for (const reader of [first, second]) {
      expect((await record(reader.url, fromFirst)).generationId).toBe(fromFirst);
      expect((await record(reader.url, fromSecond)).generationId).toBe(fromSecond);
    }
  });

  it('keeps I/O out of the Postgres log unless SIGNALBOX_LOG_IO turns it on', async () => {
    const secret = `do not keep ${framework} ${process.pid} ${Date.now()}`;
    const plain = await ask(first.url, secret);
    const streamed = await ask(first.url, secret, true);
    await first.log.flush();
    for (const id of [plain, streamed]) {
      const stored = await record(first.url, id);
      expect(stored.io).toBeNull();
      expect(JSON.stringify(stored)).not.toContain(secret);
    }

    const kept = `keep this ${framework} ${process.pid}`;
    const captured = [await ask(capturing.url, kept), await ask(capturing.url, kept, true)];
    await capturing.log.flush();
    for (const id of captured) {
      // Read through another process: it is in Postgres, not only in this process's memory.
      expect((await record(second.url, id)).io).toEqual({
        prompt: [{ role: 'user', content: kept }],
        completion: { text: `echo: ${kept}` },
      });
    }
  });
});
