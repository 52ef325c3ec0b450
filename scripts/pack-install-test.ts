// Installs the packages the way users do, and uses them. Packs every publishable package with
// `pnpm pack`, installs the tarballs with npm into fresh apps in a temporary folder outside the
// workspace, and then:
//   - starts an Express 5 app and a Koa 3 app and calls each with the official OpenAI SDK
//     (plain and streamed mock/echo, a refused key, the host app's own route, dashboard assets);
//   - type-checks a TypeScript project that imports every entry point of every package, with
//     `moduleResolution: node16` and with `bundler` (skipLibCheck off, no `any` leaking);
//   - imports (ESM) and require()s (CommonJS) every entry point.
// The apps and the import/require checks run on this machine's Node and on the Node majors given
// with --node (fetched with `npx -y node@<major>`).
//
//   npx tsx scripts/pack-install-test.ts [--skip-build] [--keep] [--node 22,24]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installApp, workspaceRange } from './release/install-app.js';
import { buildPackages, packPackages } from './release/pack-packages.js';
import { nodeBinary, withRunningApp } from './release/run-app.js';
import { mustRun } from './release/run-command.js';
import { typecheckApp } from './release/typecheck-app.js';
import { withWorkspaceDependencies, workspacePackages } from './release/workspace-packages.js';

const argv = process.argv.slice(2);
const extraNodes = (argv.includes('--node') ? (argv[argv.indexOf('--node') + 1] ?? '') : '')
  .split(',')
  .filter(Boolean);
const started = Date.now();
const seconds = (): string => `${((Date.now() - started) / 1000).toFixed(0)}s`;
const results: Array<{ step: string; ok: boolean; detail: string }> = [];

async function step(name: string, work: () => Promise<string>): Promise<void> {
  try {
    const detail = await work();
    results.push({ step: name, ok: true, detail });
    console.log(`ok   ${name}: ${detail} ... ${seconds()}`);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    results.push({ step: name, ok: false, detail });
    console.log(`FAIL ${name} ... ${seconds()}\n${detail}`);
  }
}

const packages = workspacePackages();
const specifiers = packages.flatMap((entry) => entry.entries.map((item) => item.specifier));
const tarballsFor = (tarballs: Map<string, string>, names: string[]): Map<string, string> =>
  new Map(withWorkspaceDependencies(names, packages).map((name) => [name, tarballs.get(name) as string]));
const range = (...names: string[]): Record<string, string> =>
  Object.fromEntries(names.map((name) => [name, workspaceRange(name)]));

const root = mkdtempSync(join(tmpdir(), 'signalbox-pack-install-'));
const key = 'sk-sb-pack-install-0001';
try {
  if (!argv.includes('--skip-build')) {
    console.log(`build (tsup) ... ${seconds()}`);
    await buildPackages();
  }
  console.log(`pack ${packages.length} packages, install into ${root} ... ${seconds()}`);
  const tarballs = await packPackages(packages, root);

  const entriesModule =
    specifiers.map((specifier, index) => `import * as entry${index} from '${specifier}';`).join('\n') +
    `\n\nexport const entries = [${specifiers.map((_, index) => `entry${index}`).join(', ')}] as const;\n`;
  const tsconfig = (module: string, moduleResolution: string): string =>
    `${JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          lib: ['ES2023'],
          module,
          moduleResolution,
          strict: true,
          noUncheckedIndexedAccess: true,
          esModuleInterop: true,
          skipLibCheck: false,
          noEmit: true,
          types: ['node'],
        },
        files: ['usage.ts', 'entries.ts'],
      },
      null,
      2,
    )}\n`;

  const [expressApp, koaApp, typescriptApp] = await Promise.all([
    installApp(root, {
      name: 'express-app',
      tarballs: tarballsFor(tarballs, [
        '@signalbox/auth',
        '@signalbox/cache',
        '@signalbox/core',
        '@signalbox/cost',
        '@signalbox/dashboard',
        '@signalbox/express',
        '@signalbox/metadata',
        '@signalbox/observability',
        '@signalbox/provider-mock',
        '@signalbox/routing',
      ]),
      dependencies: range('express', 'openai'),
      copy: { 'express-app.mjs': 'app.mjs', 'openai-client.mjs': 'openai-client.mjs' },
    }),
    installApp(root, {
      name: 'koa-app',
      tarballs: tarballsFor(tarballs, [
        '@signalbox/auth',
        '@signalbox/core',
        '@signalbox/cost',
        '@signalbox/koa',
        '@signalbox/metadata',
        '@signalbox/provider-mock',
        '@signalbox/routing',
      ]),
      dependencies: range('koa', 'koa-mount', 'openai'),
      copy: { 'koa-app.mjs': 'app.mjs', 'openai-client.mjs': 'openai-client.mjs' },
    }),
    installApp(root, {
      name: 'typescript',
      tarballs,
      dependencies: range('express', 'koa', 'koa-mount', 'openai', 'vitest'),
      devDependencies: range('typescript', '@types/node', '@types/express', '@types/koa', '@types/koa-mount'),
      copy: {
        'usage.ts': 'usage.ts',
        'smoke-import.mjs': 'smoke-import.mjs',
        'smoke-require.cjs': 'smoke-require.cjs',
      },
      write: {
        'entries.ts': entriesModule,
        'entries.json': `${JSON.stringify(specifiers, null, 2)}\n`,
        'tsconfig.node16.json': tsconfig('Node16', 'Node16'),
        'tsconfig.bundler.json': tsconfig('ESNext', 'Bundler'),
      },
    }),
  ]);
  console.log(`installed 3 apps with npm ... ${seconds()}`);

  for (const resolution of ['node16', 'bundler']) {
    await step(`TypeScript, moduleResolution ${resolution}`, async () => {
      const { ours, thirdParty } = await typecheckApp(typescriptApp, `tsconfig.${resolution}.json`);
      if (ours.length > 0) throw new Error(ours.join('\n'));
      const ignored =
        thirdParty.length > 0
          ? `; ${thirdParty.length} error(s) inside third-party .d.ts ignored:\n  ${thirdParty.join('\n  ')}`
          : '';
      return `${specifiers.length} entry points and usage.ts type-check (skipLibCheck off)${ignored}`;
    });
  }
  const env = { ...process.env, SIGNALBOX_KEY: key, NODE_OPTIONS: '' };
  for (const version of ['current', ...extraNodes]) {
    const { path: node, version: full } = await nodeBinary(version);
    const label = `Node ${full}`;
    for (const [framework, directory] of [
      ['express', expressApp],
      ['koa', koaApp],
    ] as const) {
      await step(`${framework} app, ${label}`, () =>
        withRunningApp(node, 'app.mjs', directory, env, async (origin) => {
          const client = await mustRun(
            node,
            ['openai-client.mjs', origin, framework, framework === 'express' ? 'dashboard' : ''],
            { cwd: directory, env },
          );
          return client.stdout.trim();
        }),
      );
    }
    for (const script of ['smoke-import.mjs', 'smoke-require.cjs']) {
      await step(`${script}, ${label}`, async () => {
        const result = await mustRun(node, [script], { cwd: typescriptApp, env });
        return result.stdout.trim();
      });
    }
  }
} finally {
  if (argv.includes('--keep')) console.log(`apps kept in ${root}`);
  else rmSync(root, { recursive: true, force: true });
}

const failed = results.filter((result) => !result.ok);
console.log(
  `\npack-install: ${results.length - failed.length}/${results.length} checks passed in ${seconds()}`,
);
for (const failure of failed) console.log(`  FAIL ${failure.step}`);
process.exitCode = failed.length === 0 && results.length > 0 ? 0 : 1;
