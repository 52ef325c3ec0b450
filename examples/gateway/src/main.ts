import { startGateway } from './server.js';

const running = await startGateway().catch((error: unknown) => {
  console.error(`signalbox: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

const { url, config, apiKeys, generatedKey } = running;
console.log(`Signalbox gateway (${config.framework}) listening on ${url}/v1`);
console.log(`Providers: ${[...running.gateway.providers.keys()].join(', ')}`);
if (generatedKey) {
  console.log('\nNo SIGNALBOX_API_KEYS set: generated a development key for this run:');
  console.log(`  ${apiKeys[0]}\n\nTry it:`);
  console.log(
    `  curl ${url}/v1/chat/completions -H "Authorization: Bearer ${apiKeys[0]}" -H "Content-Type: application/json" \\\n` +
      `    -d '{"model":"mock/echo","messages":[{"role":"user","content":"Hello"}]}'\n`,
  );
}
console.log(`Dashboard: ${url}/dashboard   Prometheus: ${url}/metrics (admin key as Authorization: Bearer)`);
if (running.generatedAdminKey) {
  console.log(
    'No SIGNALBOX_ADMIN_KEY set: generated an admin key for this run (dashboard, /metrics, the admin API at /v1/admin):',
  );
  console.log(`  ${running.adminKey}\n`);
}

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: finishing in-flight requests...`);
  const force = setTimeout(() => {
    console.error('Requests still running after 30 s: exiting.');
    process.exit(1);
  }, 30_000);
  force.unref();
  await running.close();
  console.log('Stopped.');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
