// `pnpm start`: the gateway with the Cohere adapter. With COHERE_API_KEY it calls Cohere (or
// COHERE_BASE_URL); without one it starts the fake Cohere API locally, so it runs with no key.
import { createApp } from './app.js';
import { startFakeCohere } from './fake-cohere.js';

const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 8789);
let cohereApiKey = process.env.COHERE_API_KEY;
let cohereBaseURL = process.env.COHERE_BASE_URL;

if (!cohereApiKey) {
  const fake = await startFakeCohere({ apiKey: 'co-fake' });
  cohereApiKey = 'co-fake';
  cohereBaseURL = fake.url;
  console.log(`COHERE_API_KEY is not set: using a fake Cohere API at ${fake.url}`);
}

const { app } = createApp({ cohereApiKey, ...(cohereBaseURL && { cohereBaseURL }) });
app.listen(port, host, () => {
  console.log(`gateway with the Cohere adapter on http://${host}:${port}/v1`);
  console.log(
    `curl http://${host}:${port}/v1/chat/completions -H 'content-type: application/json' ` +
      `-d '{"model":"cohere/command-a-03-2025","messages":[{"role":"user","content":"hi"}]}'`,
  );
});
