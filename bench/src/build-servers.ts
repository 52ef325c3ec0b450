import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where the compiled server children go (inside bench/, so a bare import still resolves). */
export const BUILD_DIR = fileURLToPath(new URL('../node_modules/.cache/signalbox-bench/', import.meta.url));

/** The compiled server child, once {@link buildServers} ran. */
export const BUILT_CHILD = `${BUILD_DIR}server-child.mjs`;

/** The compiled in-process micro-benchmark (`micro/handle-micro.ts`), once {@link buildServers} ran. */
export const BUILT_MICRO = `${BUILD_DIR}handle-micro.mjs`;

/**
 * Compiles `server-child.ts` and everything it imports (the workspace's TypeScript sources and
 * their dependencies) to plain ESM with tsup/esbuild, as a published package would run: no
 * loader at run time (tsx's adds ~30 MB RSS to every process), no `keepNames` (tsx wraps every
 * closure in `__name`, ~15 % more CPU on the gateway's path in a micro-benchmark). Each server
 * kind is its own chunk, loaded only by that kind. Returns the entry's path.
 */
export async function buildServers(): Promise<string> {
  const { build } = await import('tsup');
  await build({
    entry: {
      'server-child': fileURLToPath(new URL('./server-child.ts', import.meta.url)),
      'handle-micro': fileURLToPath(new URL('./micro/handle-micro.ts', import.meta.url)),
    },
    outDir: BUILD_DIR,
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    bundle: true,
    splitting: true,
    noExternal: [/.*/],
    // Optional at run time in pg and ioredis: never loaded by the benchmark.
    external: ['pg-native', 'cloudflare:sockets'],
    outExtension: () => ({ js: '.mjs' }),
    banner: {
      // Bundled CommonJS dependencies call require() for Node's builtins.
      js: "import { createRequire as __benchCreateRequire } from 'node:module'; const require = __benchCreateRequire(import.meta.url);",
    },
    sourcemap: false,
    dts: false,
    clean: true,
    silent: true,
    keepNames: false,
    minify: false,
    tsconfig: fileURLToPath(new URL('../../tsconfig.base.json', import.meta.url)),
  });
  if (!existsSync(BUILT_CHILD)) throw new Error(`tsup did not write ${BUILT_CHILD}`);
  return BUILT_CHILD;
}
