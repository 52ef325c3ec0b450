// @ts-check
import { getJson } from './api.js';
import { h } from './dom.js';
import { color, formatBucket, formatCount, formatMs, formatUsd } from './format.js';

/** @typedef {{ bucket: string | null, group: string | null, label: string | null, requests: number, errors: number, cacheHits: number, spend: string, inputTokens: number, outputTokens: number, cacheReadTokens: number, cacheWriteTokens: number, reasoningTokens: number, ttftP50: number | null, ttftP95: number | null, latencyP50: number | null, latencyP95: number | null }} UsageRow */

const MAX_SERIES = 10;

/**
 * Draws (or redraws) one chart.
 * @param {string} id
 * @param {'bar' | 'line'} type
 * @param {string[]} labels
 * @param {Array<{ label: string, data: Array<number | null> }>} datasets
 * @param {(value: number) => string} tick
 */
function draw(id, type, labels, datasets, tick) {
  const canvas = /** @type {HTMLCanvasElement} */ (document.getElementById(id));
  // @ts-expect-error Chart is the global of the UMD build
  const Chart = window.Chart;
  Chart.getChart(canvas)?.destroy();
  const hasData = datasets.some((dataset) => dataset.data.some((value) => value !== null && value > 0));
  const empty = canvas.closest('.card')?.querySelector('.empty');
  if (empty instanceof HTMLElement) empty.hidden = hasData;
  new Chart(canvas, {
    type,
    data: {
      labels,
      datasets: datasets.map((dataset, index) => ({
        ...dataset,
        backgroundColor: color(index),
        borderColor: color(index),
        borderWidth: type === 'line' ? 2 : 0,
        pointRadius: type === 'line' ? 3 : 0,
        spanGaps: true,
      })),
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      plugins: {
        legend: { position: 'bottom', labels: { boxWidth: 12 } },
        tooltip: {
          callbacks: { label: (/** @type {any} */ item) => `${item.dataset.label}: ${tick(item.raw ?? 0)}` },
        },
      },
      scales: {
        x: { stacked: type === 'bar', grid: { display: false } },
        y: {
          stacked: type === 'bar',
          beginAtZero: true,
          ticks: { callback: (/** @type {number} */ value) => tick(value) },
        },
      },
    },
  });
}

/**
 * @param {UsageRow[]} series
 * @param {string[]} groups
 * @param {string[]} buckets
 * @param {(row: UsageRow) => number | null} pick
 */
function byGroup(series, groups, buckets, pick) {
  return groups.map((group) => {
    const data = buckets.map(() => /** @type {number | null} */ (null));
    for (const row of series) {
      if (row.group !== group || row.bucket === null) continue;
      const index = buckets.indexOf(row.bucket);
      if (index >= 0) data[index] = pick(row);
    }
    return { label: group, data };
  });
}

/**
 * @param {string} label
 * @param {string} value
 */
function tile(label, value) {
  return h('div', { class: 'tile' }, h('span', { class: 'tile-label' }, label), h('strong', {}, value));
}

/**
 * The Usage view: totals and the four charts (Spend, P50 TTFT, Requests by model; All Tokens).
 * @param {{ from: string, to: string, bucket: 'hour' | 'day', buckets: string[] }} range
 */
export async function showUsage(range) {
  const report = await getJson('usage', {
    from: range.from,
    to: range.to,
    bucket: range.bucket,
    groupBy: 'model',
  });
  /** @type {UsageRow[]} */
  const totals = report.totals;
  /** @type {UsageRow[]} */
  const series = report.series;
  const total = report.total;
  document
    .getElementById('usage-tiles')
    ?.replaceChildren(
      tile('Spend', formatUsd(total.spend)),
      tile('Requests', formatCount(total.requests)),
      tile('Errors', formatCount(total.errors)),
      tile('Cache hits', formatCount(total.cacheHits)),
      tile('Input tokens', formatCount(total.inputTokens)),
      tile('Output tokens', formatCount(total.outputTokens)),
      tile('P50 TTFT', formatMs(total.ttftP50)),
      tile('P95 latency', formatMs(total.latencyP95)),
    );
  const groups = [...totals]
    .sort((a, b) => b.requests - a.requests)
    .slice(0, MAX_SERIES)
    .map((row) => row.group ?? '(none)');
  const labels = range.buckets.map((bucket) => formatBucket(bucket, range.bucket));
  draw(
    'chart-spend',
    'bar',
    labels,
    byGroup(series, groups, range.buckets, (row) => Number(row.spend)),
    formatUsd,
  );
  draw(
    'chart-ttft',
    'line',
    labels,
    byGroup(series, groups, range.buckets, (row) => row.ttftP50),
    formatMs,
  );
  draw(
    'chart-requests',
    'bar',
    labels,
    byGroup(series, groups, range.buckets, (row) => row.requests),
    formatCount,
  );
  /** @type {Array<[string, (row: UsageRow) => number]>} */
  const kinds = [
    ['Input', (row) => Math.max(0, row.inputTokens - row.cacheReadTokens - row.cacheWriteTokens)],
    ['Cache read', (row) => row.cacheReadTokens],
    ['Cache write', (row) => row.cacheWriteTokens],
    ['Output', (row) => row.outputTokens],
  ];
  const tokens = kinds.map(([label, pick]) => {
    const data = range.buckets.map(() => 0);
    for (const row of series) {
      const index = row.bucket === null ? -1 : range.buckets.indexOf(row.bucket);
      if (index >= 0) data[index] = (data[index] ?? 0) + pick(row);
    }
    return { label, data };
  });
  draw('chart-tokens', 'bar', labels, tokens, formatCount);
  return { models: totals.map((row) => row.group).filter((group) => group !== null) };
}
