import type { BenchOptions } from './args.js';
import { buildServers } from './build-servers.js';
import type { SpawnOptions } from './spawn-server.js';

/** How the server children run in this run, and a sentence saying so. */
export interface ServerRuntime {
  spawn: SpawnOptions;
  description: string;
}

/**
 * Compiles the server children (see `buildServers`) unless `--tsx` asks for the TypeScript
 * sources through tsx; a failed build falls back to tsx, and says why.
 */
export async function prepareServerRuntime(options: Pick<BenchOptions, 'tsx'>): Promise<ServerRuntime> {
  if (options.tsx)
    return { spawn: {}, description: 'servers run their TypeScript sources through tsx (--tsx)' };
  try {
    const entry = await buildServers();
    return {
      spawn: { entry },
      description: 'servers run compiled JavaScript (tsup/esbuild bundle, no loader)',
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { spawn: {}, description: `servers run through tsx: the build failed (${reason})` };
  }
}
