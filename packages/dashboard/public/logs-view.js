// @ts-check
import { getJson } from './api.js';
import { fillTable, h } from './dom.js';
import { formatCount, formatMs, formatTime, formatUsd } from './format.js';

const HEADINGS = [
  'Time',
  'Model',
  'Provider',
  'Key',
  'Status',
  'Tokens in → out',
  'Cost',
  'Latency',
  'TTFT',
  'Cache',
  'Stream',
];

/** @type {any[]} */
let shown = [];
/** @type {string | null} */
let nextCursor = null;
/** @type {Record<string, string | undefined>} */
let currentFilters = {};

/** @param {any} record */
function row(record) {
  const failed = record.status >= 400 || record.error !== null;
  return {
    id: record.generationId,
    onclick: () => {
      window.location.hash = `#log/${encodeURIComponent(record.generationId)}`;
    },
    cells: [
      h('a', { href: `#log/${encodeURIComponent(record.generationId)}` }, formatTime(record.time)),
      record.model,
      record.provider ?? '—',
      h('code', {}, record.keyPrefix ?? record.principalId ?? '—'),
      h('span', { class: failed ? 'badge error' : 'badge ok' }, String(record.status)),
      `${formatCount(record.tokens.input)} → ${formatCount(record.tokens.output)}`,
      formatUsd(record.cost?.total),
      formatMs(record.latencyMs),
      formatMs(record.ttftMs),
      record.cacheStatus ?? '—',
      record.stream ? 'yes' : 'no',
    ],
  };
}

function render() {
  fillTable(
    /** @type {HTMLTableElement} */ (document.getElementById('log-table')),
    HEADINGS,
    shown.map(row),
    'No requests match these filters.',
  );
  const more = document.getElementById('log-more');
  if (more) more.hidden = nextCursor === null;
}

/** The filters of the form, with `datetime-local` values turned into ISO times. */
function formFilters() {
  const form = /** @type {HTMLFormElement} */ (document.getElementById('log-filters'));
  /** @type {Record<string, string | undefined>} */
  const filters = {};
  for (const [name, value] of new FormData(form)) {
    if (typeof value !== 'string' || value === '') continue;
    filters[name] = name === 'from' || name === 'to' ? new Date(value).toISOString() : value;
  }
  return filters;
}

/**
 * Sets the form's fields (from a `#logs?key=...` link).
 * @param {URLSearchParams} params
 */
export function presetFilters(params) {
  const form = /** @type {HTMLFormElement} */ (document.getElementById('log-filters'));
  form.reset();
  for (const [name, value] of params) {
    const field = form.elements.namedItem(name);
    if (field instanceof HTMLInputElement || field instanceof HTMLSelectElement) field.value = value;
  }
}

/**
 * The Logs view: the filtered list, newest first, 50 at a time.
 * @param {{ from: string }} range
 */
export async function showLogs(range) {
  currentFilters = formFilters();
  currentFilters.from ??= range.from;
  const page = await getJson('logs', { ...currentFilters, limit: '50' });
  shown = page.data;
  nextCursor = page.next_cursor;
  render();
}

/** Appends the next page. */
export async function showMoreLogs() {
  if (nextCursor === null) return;
  const page = await getJson('logs', { ...currentFilters, limit: '50', cursor: nextCursor });
  shown = [...shown, ...page.data];
  nextCursor = page.next_cursor;
  render();
}
