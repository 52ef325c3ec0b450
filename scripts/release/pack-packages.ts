import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { mapLimit, mustRun } from './run-command.js';
import { ROOT, tarballName, type WorkspacePackage } from './workspace-packages.js';

/** `npx -y pnpm@10`, the way every script of this repository runs pnpm. */
export const PNPM = ['-y', 'pnpm@10'] as const;

/** Builds every package with tsup (`pnpm build`: ESM + .d.ts into each package's dist/). */
export async function buildPackages(): Promise<void> {
  await mustRun('npx', [...PNPM, 'build'], { cwd: ROOT, echo: false, timeoutMs: 900_000 });
}

/**
 * Packs each package with `pnpm pack` into `destination`, the way `pnpm publish` packs it:
 * `publishConfig` replaces `exports`/`main`/`types`, `workspace:^` becomes a version range.
 * Returns the tarball path of each package name.
 */
export async function packPackages(
  packages: WorkspacePackage[],
  destination: string,
): Promise<Map<string, string>> {
  const tarballs = new Map<string, string>();
  await mapLimit(packages, 3, async (entry) => {
    await mustRun('npx', [...PNPM, 'pack', '--pack-destination', destination], { cwd: entry.directory });
    const tarball = join(destination, tarballName(entry.name, entry.version));
    if (!existsSync(tarball)) throw new Error(`pnpm pack did not write ${tarball}`);
    tarballs.set(entry.name, tarball);
  });
  return tarballs;
}
