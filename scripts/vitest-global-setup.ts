import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Makes sure the servers the suites use (Redis, PostgreSQL) are running before any test, by
 * running scripts/test-services.sh unless their URLs are already in the environment. A suite
 * that needs a server and cannot reach it fails; nothing is skipped.
 */
export default function setup(): void {
  if (process.env.SIGNALBOX_TEST_REDIS_URL && process.env.SIGNALBOX_TEST_DATABASE_URL) return;
  const script = fileURLToPath(new URL('./test-services.sh', import.meta.url));
  const output = execFileSync('bash', [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  for (const match of output.matchAll(/^export (\w+)=(.*)$/gm)) {
    if (match[1] && match[2]) process.env[match[1]] = match[2];
  }
}
