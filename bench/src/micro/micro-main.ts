/**
 * `pnpm bench:micro [--quick] [--tsx]`: compiles the micro-benchmark like the servers (see
 * `buildServers`) and runs it with plain Node, or through tsx with `--tsx`.
 *
 * @module
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { BUILT_MICRO, buildServers } from '../build-servers.js';

const passed = process.argv.slice(2).filter((argument) => argument !== '--tsx');
const viaTsx = process.argv.includes('--tsx');
if (!viaTsx) await buildServers();
const command = viaTsx
  ? ['--import', 'tsx', fileURLToPath(new URL('./handle-micro.ts', import.meta.url)), ...passed]
  : [BUILT_MICRO, ...passed];
const result = spawnSync(process.execPath, command, {
  stdio: 'inherit',
  cwd: fileURLToPath(new URL('../..', import.meta.url)),
  env: { ...process.env, NODE_ENV: 'production' },
});
process.exitCode = result.status ?? 1;
