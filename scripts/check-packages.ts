// Checks every publishable package the way it will be published: its package.json release fields,
// then the tarball `pnpm pack` makes (the same as `pnpm publish` uploads), with publint and
// Are The Types Wrong (attw). Fails on any problem.
//
//   npx tsx scripts/check-packages.ts [--skip-build] [--keep]
//
// attw runs with `--ignore-rules cjs-resolves-to-esm` and nothing else ignored: the packages are
// ESM only on purpose (see the README, "ESM only"), and the Node versions they support
// (engines: ^20.19.0 || >=22.12.0) load them with require() too. Every other rule, in every
// resolution mode (node10, node16 from CJS and from ESM, bundler), must pass.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { checkDocumented, checkManifest, documentedEntries } from './release/manifest-checks.js';
import { buildPackages, packPackages } from './release/pack-packages.js';
import { mapLimit, mustRun, runCommand } from './release/run-command.js';
import { checkTarball } from './release/tarball-checks.js';
import { ROOT, workspacePackages } from './release/workspace-packages.js';

const args = new Set(process.argv.slice(2));
const bin = (name: string): string => join(ROOT, 'node_modules', '.bin', name);
const started = Date.now();
const seconds = (): string => `${((Date.now() - started) / 1000).toFixed(0)}s`;

const packages = workspacePackages();
const documented = documentedEntries();
const problems = new Map<string, string[]>(
  packages.map((entry) => [entry.name, [...checkManifest(entry), ...checkDocumented(entry, documented)]]),
);
const report = (name: string, found: string[]): void => {
  problems.get(name)?.push(...found);
};

if (!args.has('--skip-build')) {
  console.log(`build (tsup) ... ${seconds()}`);
  await buildPackages();
}
const workDirectory = mkdtempSync(join(tmpdir(), 'signalbox-check-packages-'));
try {
  console.log(`pack ${packages.length} packages into ${workDirectory} ... ${seconds()}`);
  const tarballs = await packPackages(packages, workDirectory);

  await mapLimit(packages, 2, async (entry) => {
    const tarball = tarballs.get(entry.name) as string;
    const unpacked = join(workDirectory, basename(tarball, '.tgz'));
    mkdirSync(unpacked);
    await mustRun('tar', ['-xzf', tarball, '-C', unpacked]);
    report(entry.name, checkTarball(join(unpacked, 'package')));

    const publint = await runCommand(bin('publint'), ['run', tarball, '--strict'], { cwd: ROOT });
    if (publint.code !== 0) report(entry.name, [`publint:\n${publint.stdout}${publint.stderr}`]);
    const attw = await runCommand(
      bin('attw'),
      [
        tarball,
        '--ignore-rules',
        'cjs-resolves-to-esm',
        '--format',
        'table-flipped',
        '--no-color',
        '--no-emoji',
      ],
      { cwd: ROOT },
    );
    if (attw.code !== 0) report(entry.name, [`attw:\n${attw.stdout}${attw.stderr}`]);
    const found = problems.get(entry.name) ?? [];
    console.log(
      `${found.length === 0 ? 'ok  ' : 'FAIL'} ${entry.name}@${entry.version} ` +
        `(${entry.entries.map((item) => item.specifier).join(', ')}): publint ${publint.code === 0 ? 'clean' : 'problems'}, ` +
        `attw ${attw.code === 0 ? 'clean' : 'problems'} ... ${seconds()}`,
    );
  });
} finally {
  if (args.has('--keep')) console.log(`tarballs kept in ${workDirectory}`);
  else rmSync(workDirectory, { recursive: true, force: true });
}

let failed = 0;
for (const [name, found] of problems) {
  if (found.length === 0) continue;
  failed++;
  console.error(`\n${name}:\n${found.map((problem) => `  - ${problem}`).join('\n')}`);
}
console.log(
  `\n${packages.length - failed}/${packages.length} packages publishable (publint --strict, attw, tarball contents) in ${seconds()}`,
);
process.exitCode = failed === 0 ? 0 : 1;
