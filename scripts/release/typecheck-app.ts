import { runCommand } from './run-command.js';

/** The errors of one `tsc` run, split by where they are. */
export interface TypecheckResult {
  /** Errors in the app's own files or in a `@signalbox/*` package's .d.ts: these fail the check. */
  ours: string[];
  /** Errors inside other installed packages' .d.ts (`skipLibCheck` is off): reported, not ours to fix. */
  thirdParty: string[];
}

/**
 * Runs the app's own TypeScript (`tsc -p <tsconfig>`, noEmit) and sorts the errors. A third-party
 * declaration bug (say `@types/koa` against a newer `content-disposition`) would otherwise hide
 * whether the `@signalbox/*` declarations are right, which is what this check is about.
 */
export async function typecheckApp(directory: string, tsconfig: string): Promise<TypecheckResult> {
  const result = await runCommand(
    'node',
    ['node_modules/typescript/bin/tsc', '-p', tsconfig, '--pretty', 'false'],
    {
      cwd: directory,
    },
  );
  const errors: string[] = [];
  for (const line of `${result.stdout}${result.stderr}`.split('\n')) {
    if (/^\S.*\(\d+,\d+\): error TS\d+/.test(line) || /^error TS\d+/.test(line)) errors.push(line);
    else if (line.trim() && errors.length > 0) errors[errors.length - 1] += `\n${line}`;
  }
  if (result.code !== 0 && errors.length === 0)
    errors.push(`tsc exited with ${result.code}: ${result.stdout}${result.stderr}`);
  const isThirdParty = (error: string): boolean =>
    error.startsWith('node_modules/') && !error.startsWith('node_modules/@signalbox/');
  return { ours: errors.filter((error) => !isThirdParty(error)), thirdParty: errors.filter(isThirdParty) };
}
