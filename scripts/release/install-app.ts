import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mustRun } from './run-command.js';
import { readManifest, ROOT } from './workspace-packages.js';

/** A throwaway app outside the workspace, installed with npm the way users install. */
export interface TemporaryApp {
  /** Folder name under the temporary root. */
  name: string;
  /** Packed tarballs to install, by package name (file: dependencies). */
  tarballs: Map<string, string>;
  /** Packages from the registry, by name (version ranges). */
  dependencies: Record<string, string>;
  devDependencies?: Record<string, string>;
  /** Files copied from scripts/pack-install/ (source name -> name in the app). */
  copy: Record<string, string>;
  /** Files written as given (name -> contents). */
  write?: Record<string, string>;
}

/**
 * The version range the workspace itself uses for a registry package (so the temporary apps test
 * with what the repository tests with), looked up in the manifests that depend on it.
 */
export function workspaceRange(name: string): string {
  const manifests = [
    'package.json',
    'test/package.json',
    'examples/gateway/package.json',
    'packages/koa/package.json',
    'packages/express/package.json',
  ];
  for (const path of manifests) {
    const manifest = readManifest(join(ROOT, path));
    const range = manifest.dependencies?.[name] ?? manifest.devDependencies?.[name];
    if (range) return range;
  }
  throw new Error(`no workspace manifest depends on ${name}`);
}

/**
 * Writes the app (package.json with the tarballs as `file:` dependencies, each also forced by
 * `overrides` so a package's own `@signalbox/*` dependencies resolve to the tarballs and never to
 * the registry) and runs `npm install` in it. Returns the app's folder.
 */
export async function installApp(root: string, app: TemporaryApp): Promise<string> {
  const directory = join(root, app.name);
  mkdirSync(directory, { recursive: true });
  const tarballDependencies = Object.fromEntries(
    [...app.tarballs].map(([name, tarball]) => [name, `file:${tarball}`]),
  );
  const manifest = {
    name: `signalbox-pack-install-${app.name}`,
    version: '0.0.0',
    private: true,
    type: 'module',
    dependencies: { ...app.dependencies, ...tarballDependencies },
    devDependencies: app.devDependencies ?? {},
    overrides: Object.fromEntries([...app.tarballs.keys()].map((name) => [name, `$${name}`])),
  };
  writeFileSync(join(directory, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const [source, target] of Object.entries(app.copy)) {
    copyFileSync(join(ROOT, 'scripts', 'pack-install', source), join(directory, target));
  }
  for (const [name, contents] of Object.entries(app.write ?? {}))
    writeFileSync(join(directory, name), contents);
  await mustRun('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], {
    cwd: directory,
    timeoutMs: 600_000,
  });
  return directory;
}
