// Calls a running app with the official OpenAI SDK (installed from npm): a plain and a streamed
// chat completion from mock/echo, plus the host app's own route. Exits non-zero on any mismatch.
import assert from 'node:assert/strict';
import OpenAI from 'openai';

const [origin, framework, checkDashboard] = process.argv.slice(2);
const client = new OpenAI({ apiKey: process.env.SIGNALBOX_KEY, baseURL: `${origin}/v1`, maxRetries: 0 });
const messages = [{ role: 'user', content: 'Hello from a packed install' }];

const completion = await client.chat.completions.create({ model: 'mock/echo', messages });
assert.equal(completion.choices[0]?.message.content, 'echo: Hello from a packed install');
assert.ok(completion.usage && completion.usage.total_tokens > 0, 'usage is reported');

const stream = await client.chat.completions.create({ model: 'mock/echo', messages, stream: true });
let streamed = '';
for await (const chunk of stream) streamed += chunk.choices[0]?.delta?.content ?? '';
assert.equal(streamed, 'echo: Hello from a packed install');

const denied = await fetch(`${origin}/v1/chat/completions`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: 'Bearer wrong-key' },
  body: JSON.stringify({ model: 'mock/echo', messages }),
});
assert.equal(denied.status, 401, 'a wrong key is refused');

const home = await fetch(`${origin}/`);
assert.deepEqual(await home.json(), { app: framework }, "the host app's own route still answers");

if (checkDashboard === 'dashboard') {
  for (const asset of ['app.js', 'styles.css', 'chart.umd.min.js']) {
    const response = await fetch(`${origin}/dashboard/assets/${asset}`);
    assert.equal(response.status, 200, `dashboard asset ${asset} is served from the installed package`);
    await response.arrayBuffer();
  }
}
console.log(`ok ${framework}: "${completion.choices[0]?.message.content}", streamed, 401 for a wrong key`);
