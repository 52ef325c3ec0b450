import { existsSync, readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { join } from 'node:path';
import { ROOT, type WorkspacePackage } from './workspace-packages.js';

/** The Node versions every package supports: those that can also `require()` ES modules. */
export const NODE_ENGINES = '^20.19.0 || >=22.12.0';
/** The repository every package.json points at. */
export const REPOSITORY_URL = 'git+https://github.com/signalbox/signalbox.git';
/** Host frameworks: the app brings them, so they are peer dependencies, never dependencies. */
const HOST_FRAMEWORKS = ['express', 'koa'];

/** The dist file name of an export subpath: `.` -> `index`, `./redis` -> `redis`. */
export function entryFile(subpath: string): string {
  return subpath === '.' ? 'index' : subpath.slice(2);
}

/**
 * The release fields of a package's own package.json (before packing): licence, repository,
 * engines, files, `exports` for the workspace (src) and `publishConfig` for the published form
 * (dist), the tsup entries matching the exports. Returns the problems found.
 */
export function checkManifest(entry: WorkspacePackage): string[] {
  const problems: string[] = [];
  const manifest = entry.manifest;
  const expect = (condition: boolean, problem: string): void => {
    if (!condition) problems.push(problem);
  };
  expect(manifest.type === 'module', '"type" must be "module" (ESM only)');
  expect(/^0\.\d+\.\d+/.test(manifest.version), `version ${manifest.version} is not 0.x`);
  expect(manifest.license === 'MIT', '"license" must be "MIT"');
  const license = join(entry.directory, 'LICENSE');
  expect(
    existsSync(license) && readFileSync(license, 'utf8') === readFileSync(join(ROOT, 'LICENSE'), 'utf8'),
    'LICENSE must be a copy of the root LICENSE',
  );
  for (const file of ['README.md', 'CHANGELOG.md']) {
    expect(existsSync(join(entry.directory, file)), `${file} is missing`);
  }
  expect(manifest.sideEffects === false, '"sideEffects" must be false');
  expect(manifest.engines?.node === NODE_ENGINES, `"engines.node" must be "${NODE_ENGINES}"`);
  expect(
    manifest.repository?.type === 'git' &&
      manifest.repository.url === REPOSITORY_URL &&
      manifest.repository.directory === entry.folder,
    `"repository" must be {type: git, url: ${REPOSITORY_URL}, directory: ${entry.folder}}`,
  );
  expect((manifest.keywords ?? []).includes('signalbox'), '"keywords" must include "signalbox"');
  expect((manifest.files ?? []).includes('dist'), '"files" must include "dist"');
  const publish = manifest.publishConfig ?? {};
  expect(publish.access === 'public', '"publishConfig.access" must be "public"');
  expect(publish.main === './dist/index.js', '"publishConfig.main" must be "./dist/index.js"');
  expect(publish.types === './dist/index.d.ts', '"publishConfig.types" must be "./dist/index.d.ts"');
  for (const framework of HOST_FRAMEWORKS) {
    expect(!manifest.dependencies?.[framework], `${framework} must be a peer dependency, not a dependency`);
  }

  const workspaceExports = manifest.exports ?? {};
  const publishExports = publish.exports ?? {};
  expect(
    isDeepStrictEqual(Object.keys(workspaceExports), Object.keys(publishExports)),
    '"exports" and "publishConfig.exports" must have the same subpaths',
  );
  let tsup = '';
  try {
    tsup = readFileSync(join(entry.directory, 'tsup.config.ts'), 'utf8');
  } catch {
    problems.push('tsup.config.ts is missing');
  }
  for (const subpath of Object.keys(publishExports)) {
    const file = entryFile(subpath);
    expect(
      workspaceExports[subpath] === `./src/${file}.ts`,
      `"exports['${subpath}']" must be "./src/${file}.ts"`,
    );
    const published = publishExports[subpath];
    expect(
      isDeepStrictEqual(published, { types: `./dist/${file}.d.ts`, default: `./dist/${file}.js` }) &&
        Object.keys(published as object)[0] === 'types',
      `"publishConfig.exports['${subpath}']" must be {types: ./dist/${file}.d.ts, default: ./dist/${file}.js} ` +
        '(types first; ESM only: `default`, not `import`, so require() of the ES module resolves too)',
    );
    expect(tsup.includes(`'src/${file}.ts'`), `tsup.config.ts must build the entry 'src/${file}.ts'`);
    if (subpath !== '.') {
      expect(
        isDeepStrictEqual(publish.typesVersions?.['*']?.[file], [`./dist/${file}.d.ts`]),
        `"publishConfig.typesVersions['*']['${file}']" must be ["./dist/${file}.d.ts"] (types for moduleResolution node10)`,
      );
    }
  }
  return problems;
}

/** The entry points the API reference documents (typedoc.json, tsconfig.typedoc.json). */
export function documentedEntries(): string[] {
  const read = (name: string): Record<string, unknown> =>
    JSON.parse(readFileSync(join(ROOT, name), 'utf8')) as Record<string, unknown>;
  const typedoc = (read('typedoc.json').entryPoints as string[] | undefined) ?? [];
  const tsconfig = (read('tsconfig.typedoc.json').include as string[] | undefined) ?? [];
  return typedoc.filter((entry) => tsconfig.includes(entry));
}

/** Whether every export subpath of a package is in the API reference (`index` files by the glob). */
export function checkDocumented(entry: WorkspacePackage, documented: string[]): string[] {
  const problems: string[] = [];
  for (const subpath of Object.keys(entry.manifest.publishConfig?.exports ?? {})) {
    const file = `${entry.folder}/src/${entryFile(subpath)}.ts`;
    const covered =
      subpath === '.' ? documented.includes('packages/*/src/index.ts') : documented.includes(file);
    if (!covered) problems.push(`${file} is not an entry point of typedoc.json and tsconfig.typedoc.json`);
  }
  return problems;
}
