// @ts-check
const integer = new Intl.NumberFormat('en-US');

/** @param {number | null | undefined} value */
export function formatCount(value) {
  return value === null || value === undefined ? '—' : integer.format(value);
}

/**
 * USD from a decimal string, with enough digits for tiny per-request costs.
 * @param {string | null | undefined} value
 */
export function formatUsd(value) {
  if (value === null || value === undefined) return '—';
  const number = Number(value);
  if (number === 0) return '$0';
  if (Math.abs(number) >= 0.01) return `$${number.toFixed(2)}`;
  return `$${number.toPrecision(3).replace(/0+$/, '')}`;
}

/** @param {number | null | undefined} value */
export function formatMs(value) {
  if (value === null || value === undefined) return '—';
  return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
}

/** @param {string} iso */
export function formatTime(iso) {
  return new Date(iso).toLocaleString(undefined, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

/**
 * An axis label for a bucket start.
 * @param {string} iso
 * @param {'hour' | 'day'} bucket
 */
export function formatBucket(iso, bucket) {
  const date = new Date(iso);
  return bucket === 'day'
    ? date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' })
    : date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

const PALETTE = [
  '#2563eb',
  '#f97316',
  '#16a34a',
  '#9333ea',
  '#dc2626',
  '#0891b2',
  '#ca8a04',
  '#db2777',
  '#4b5563',
  '#65a30d',
];

/** @param {number} index */
export function color(index) {
  return PALETTE[index % PALETTE.length];
}
