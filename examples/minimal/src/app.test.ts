import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { expect, it } from 'vitest';
import { app } from './app.js';

it('serves mock/echo to the OpenAI SDK', async () => {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const client = new OpenAI({ apiKey: 'unused', baseURL: `http://127.0.0.1:${port}/v1`, maxRetries: 0 });
    const completion = await client.chat.completions.create({
      model: 'mock/echo',
      messages: [{ role: 'user', content: 'small' }],
    });
    expect(completion.choices[0]?.message.content).toBe('echo: small');
  } finally {
    server.close();
  }
});
