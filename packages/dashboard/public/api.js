// @ts-check
/** The dashboard's mount path, from the page. */
export const base = document.body.dataset.base ?? '';

/**
 * GETs the dashboard's JSON API (the session cookie goes along); a lost session reloads the page.
 * @param {string} path
 * @param {Record<string, string | undefined>} [params]
 * @returns {Promise<any>}
 */
export async function getJson(path, params = {}) {
  const url = new URL(`${base}/api/${path}`, window.location.origin);
  for (const [name, value] of Object.entries(params)) if (value) url.searchParams.set(name, value);
  const response = await fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (response.status === 401) {
    window.location.reload();
    throw new Error('Signed out');
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body?.error?.message ?? `HTTP ${response.status}`);
  return body;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** @type {Record<string, { span: number, bucket: 'hour' | 'day' }>} */
const RANGES = {
  '1h': { span: HOUR, bucket: 'hour' },
  '24h': { span: DAY, bucket: 'hour' },
  '7d': { span: 7 * DAY, bucket: 'day' },
  '30d': { span: 30 * DAY, bucket: 'day' },
};

/**
 * The time range of a picker value, aligned to whole UTC buckets, with every bucket start.
 * @param {string} value
 * @returns {{ from: string, to: string, bucket: 'hour' | 'day', buckets: string[] }}
 */
export function rangeOf(value) {
  const range = RANGES[value] ?? RANGES['24h'];
  const width = range.bucket === 'hour' ? HOUR : DAY;
  const now = Date.now();
  const from = Math.floor((now - range.span) / width) * width;
  const to = Math.floor(now / width) * width + width;
  const buckets = [];
  for (let time = from; time < to; time += width) buckets.push(new Date(time).toISOString());
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    bucket: range.bucket,
    buckets,
  };
}
