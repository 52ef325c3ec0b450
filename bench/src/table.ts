import type { RowResult } from './run-row.js';

const fixed = (value: number | undefined, digits: number) =>
  value === undefined ? '' : value.toFixed(digits);
const signed = (value: number | undefined) =>
  value === undefined ? '' : `${value >= 0 ? '+' : ''}${value.toFixed(2)}`;
const ratio = (value: number | undefined) => (value === undefined ? '' : `${value.toFixed(2)}x`);

/** The throughput table as Markdown (printed, and pasted in the README). */
export function formatRowsTable(rows: RowResult[]): string {
  const header = [
    'row',
    'req/s',
    'p50 ms',
    'p99 ms',
    'added p50 ms',
    'added p99 ms',
    'ratio',
    'baseline',
    'x proxy',
    'CPU us/req',
    'CPU ratio',
    'RSS MB',
  ];
  const lines = [
    `| ${header.join(' | ')} |`,
    `|${header.map((_, index) => (index === 0 ? ' --- ' : ' ---: ')).join('|')}|`,
  ];
  for (const row of rows) {
    if (!row.available) {
      lines.push(`| ${row.label} | not available: ${row.note ?? ''} |${' |'.repeat(header.length - 2)}`);
      continue;
    }
    const rps =
      row.targetRate !== undefined
        ? `${row.requestsPerSecond} (rate ${row.targetRate})`
        : String(row.requestsPerSecond);
    lines.push(
      `| ${[
        row.label,
        rps,
        fixed(row.p50Ms, 2),
        fixed(row.p99Ms, 2),
        signed(row.addedP50Ms),
        signed(row.addedP99Ms),
        ratio(row.ratio),
        row.baseline ?? '',
        ratio(row.vsProxy),
        row.cpuMicrosPerRequest === undefined ? '' : String(row.cpuMicrosPerRequest),
        ratio(row.cpuRatio),
        fixed(row.rssMb, 0),
      ].join(' | ')} |`,
    );
  }
  return lines.join('\n');
}

/** One target and what this run measured. */
export interface TargetCheck {
  target: string;
  measured: string;
  /** Undefined when the figure could not be measured in this run. */
  met: boolean | undefined;
}

/** The targets as a Markdown table. */
export function formatTargets(checks: TargetCheck[]): string {
  const lines = ['| target | measured | met |', '| --- | --- | --- |'];
  for (const check of checks)
    lines.push(
      `| ${check.target} | ${check.measured} | ${check.met === undefined ? 'n/a' : check.met ? 'yes' : 'NO'} |`,
    );
  return lines.join('\n');
}
