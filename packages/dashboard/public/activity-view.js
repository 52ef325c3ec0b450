// @ts-check
import { getJson } from './api.js';
import { fillTable, h } from './dom.js';
import { formatCount, formatMs, formatUsd } from './format.js';

const HEADINGS = [
  'Requests',
  'Errors',
  'Spend',
  'Input tokens',
  'Output tokens',
  'Cache read',
  'P50 TTFT',
  'P50 latency',
];

/** @param {any} row */
function figures(row) {
  return [
    formatCount(row.requests),
    formatCount(row.errors),
    formatUsd(row.spend),
    formatCount(row.inputTokens),
    formatCount(row.outputTokens),
    formatCount(row.cacheReadTokens),
    formatMs(row.ttftP50),
    formatMs(row.latencyP50),
  ];
}

/**
 * The Activity view: usage by project and by API key over the range.
 * @param {{ from: string, to: string }} range
 */
export async function showActivity(range) {
  const [projects, keys] = await Promise.all([
    getJson('usage', { from: range.from, to: range.to, bucket: 'day', groupBy: 'project' }),
    getJson('usage', { from: range.from, to: range.to, bucket: 'day', groupBy: 'key' }),
  ]);
  fillTable(
    /** @type {HTMLTableElement} */ (document.getElementById('table-projects')),
    ['Project', ...HEADINGS],
    projects.totals.map((/** @type {any} */ row) => ({
      cells: [row.group ?? '(no project)', ...figures(row)],
    })),
    'No requests in this range.',
  );
  fillTable(
    /** @type {HTMLTableElement} */ (document.getElementById('table-keys')),
    ['API key', ...HEADINGS, ''],
    keys.totals.map((/** @type {any} */ row) => ({
      cells: [
        h('code', {}, row.label ?? row.group ?? '(anonymous)'),
        ...figures(row),
        row.group ? h('a', { href: `#logs?key=${encodeURIComponent(row.group)}` }, 'Logs') : '',
      ],
    })),
    'No requests in this range.',
  );
}
