import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { entryFile } from './manifest-checks.js';
import { readManifest } from './workspace-packages.js';

const BUILTINS = new Set(builtinModules);

/** Every file under `directory`, as paths relative to it with `/` separators. */
export function listFiles(directory: string, base: string = directory): string[] {
  const files: string[] = [];
  for (const name of readdirSync(directory)) {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) files.push(...listFiles(path, base));
    else files.push(relative(base, path).split('\\').join('/'));
  }
  return files.sort();
}

/** The package a bare specifier names (`@scope/name/sub` -> `@scope/name`), or undefined for relative/builtin ones. */
export function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:'))
    return undefined;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
  return BUILTINS.has(name) ? undefined : name;
}

/** The module specifiers a built JS or .d.ts file imports (static, side-effect, re-export and `import()`). */
export function importedSpecifiers(source: string): string[] {
  const found = new Set<string>();
  const patterns = [
    /^\s*(?:import|export)\b[^'"\n]*?\bfrom\s*["']([^"']+)["']/gm,
    /^\s*(?:import|export)\s*(?:type\s*)?\{[^}]*\}\s*from\s*["']([^"']+)["']/gm,
    /^\s*import\s*["']([^"']+)["']/gm,
    /^\s*declare module\s*["']([^"']+)["']/gm,
    /\bimport\(\s*["']([^"']+)["']\s*\)/g,
  ];
  for (const pattern of patterns) {
    for (const match of source.matchAll(pattern)) if (match[1]) found.add(match[1]);
  }
  return [...found];
}

/** The `@types/` package that types `name` (`@scope/name` -> `@types/scope__name`). */
function typesPackage(name: string): string {
  return `@types/${name.startsWith('@') ? name.slice(1).replace('/', '__') : name}`;
}

/**
 * Checks an unpacked tarball (`root` is its `package/` folder) the way npm users get it: the
 * published exports point at files in it, `workspace:` ranges were replaced, there is no source or
 * test in it, and every package its code or types import is a dependency or peer dependency.
 */
export function checkTarball(root: string): string[] {
  const problems: string[] = [];
  const manifest = readManifest(join(root, 'package.json'));
  const files = listFiles(root);
  const has = (path: string): boolean => files.includes(path.replace(/^\.\//, ''));

  for (const file of ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE']) {
    if (!has(file)) problems.push(`the tarball has no ${file}`);
  }
  for (const file of files) {
    if (file.startsWith('src/') || /\.test\.|__fixtures__/.test(file))
      problems.push(`the tarball ships ${file}`);
  }
  const exportsMap = manifest.exports ?? {};
  for (const [subpath, target] of Object.entries(exportsMap)) {
    const conditions = typeof target === 'string' ? { default: target } : (target as Record<string, string>);
    for (const [condition, path] of Object.entries(conditions)) {
      if (!path.startsWith('./dist/'))
        problems.push(`exports['${subpath}'].${condition} is ${path}, not in dist/`);
      else if (!has(path)) problems.push(`exports['${subpath}'].${condition}: ${path} is not in the tarball`);
    }
    if (!has(`dist/${entryFile(subpath)}.d.ts`)) problems.push(`no dist/${entryFile(subpath)}.d.ts`);
  }
  for (const field of ['main', 'types'] as const) {
    const path = manifest[field];
    if (!path || !has(path)) problems.push(`"${field}" (${path}) is not a file of the tarball`);
  }
  const ranges = { ...manifest.dependencies, ...manifest.peerDependencies };
  for (const [name, range] of Object.entries(ranges)) {
    if (range.startsWith('workspace:')) problems.push(`dependency ${name} is still ${range}`);
  }

  const runtime = new Set([...Object.keys(ranges), manifest.name]);
  for (const file of files.filter((path) => /\.(js|d\.ts)$/.test(path))) {
    const source = readFileSync(join(root, file), 'utf8');
    for (const specifier of importedSpecifiers(source)) {
      const name = packageOf(specifier);
      if (!name || runtime.has(name)) continue;
      if (file.endsWith('.d.ts') && runtime.has(typesPackage(name))) continue;
      problems.push(`${file} imports '${specifier}', which is not a dependency or peer dependency`);
    }
  }
  if (!existsSync(join(root, 'dist'))) problems.push('the tarball has no dist/');
  return problems;
}
