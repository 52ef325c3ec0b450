import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is scripts/release/workspace-packages.ts). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The fields of a package.json the release scripts read. */
export interface PackageManifest {
  name: string;
  version: string;
  private?: boolean;
  type?: string;
  license?: string;
  sideEffects?: boolean;
  engines?: Record<string, string>;
  files?: string[];
  keywords?: string[];
  repository?: { type?: string; url?: string; directory?: string };
  main?: string;
  types?: string;
  exports?: Record<string, unknown>;
  typesVersions?: Record<string, Record<string, string[]>>;
  publishConfig?: {
    access?: string;
    main?: string;
    types?: string;
    exports?: Record<string, unknown>;
    typesVersions?: Record<string, Record<string, string[]>>;
  };
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  devDependencies?: Record<string, string>;
}

/** One entry point users import: `.` is `@signalbox/cache`, `./redis` is `@signalbox/cache/redis`. */
export interface PackageEntry {
  subpath: string;
  /** What users write in `import ... from '<specifier>'`. */
  specifier: string;
}

/** A non-private package of packages/*. */
export interface WorkspacePackage {
  name: string;
  version: string;
  /** `packages/<folder>`, relative to the root. */
  folder: string;
  /** Absolute path of the package directory. */
  directory: string;
  manifest: PackageManifest;
  entries: PackageEntry[];
}

/** Reads a package.json. */
export function readManifest(path: string): PackageManifest {
  return JSON.parse(readFileSync(path, 'utf8')) as PackageManifest;
}

/** Every publishable (non-private) package under packages/, sorted by folder name. */
export function workspacePackages(root: string = ROOT): WorkspacePackage[] {
  const packages: WorkspacePackage[] = [];
  for (const folder of readdirSync(join(root, 'packages')).sort()) {
    const directory = join(root, 'packages', folder);
    let manifest: PackageManifest;
    try {
      manifest = readManifest(join(directory, 'package.json'));
    } catch {
      continue;
    }
    if (manifest.private) continue;
    const subpaths = Object.keys(manifest.publishConfig?.exports ?? manifest.exports ?? { '.': '' });
    packages.push({
      name: manifest.name,
      version: manifest.version,
      folder: `packages/${folder}`,
      directory,
      manifest,
      entries: subpaths
        .filter((subpath) => subpath !== './package.json')
        .map((subpath) => ({
          subpath,
          specifier: subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`,
        })),
    });
  }
  return packages;
}

/** The file name `pnpm pack` gives a package's tarball: `@signalbox/core@0.1.0` -> `signalbox-core-0.1.0.tgz`. */
export function tarballName(name: string, version: string): string {
  return `${name.replace(/^@/, '').replace('/', '-')}-${version}.tgz`;
}

/** The workspace packages a package needs at run time (its `@signalbox/*` dependencies, transitively), itself included. */
export function withWorkspaceDependencies(names: string[], packages: WorkspacePackage[]): string[] {
  const byName = new Map(packages.map((entry) => [entry.name, entry]));
  const needed = new Set<string>();
  const visit = (name: string): void => {
    if (needed.has(name)) return;
    const found = byName.get(name);
    if (!found) throw new Error(`${name} is not a publishable workspace package`);
    needed.add(name);
    for (const dependency of Object.keys(found.manifest.dependencies ?? {})) {
      if (byName.has(dependency)) visit(dependency);
    }
  };
  for (const name of names) visit(name);
  return [...needed].sort();
}
