import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One file the dashboard serves, held in memory. */
export interface StaticAsset {
  body: Buffer;
  contentType: string;
  etag: string;
}

const CONTENT_TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
};

/** The chart library's UMD build, from the installed `chart.js` package (no CDN). */
export function chartJsPath(): string {
  const entry = createRequire(import.meta.url).resolve('chart.js');
  return join(dirname(entry), 'chart.umd.min.js');
}

/** The folder of the page's own scripts and styles (`public/`, beside `src/` and `dist/`). */
export function publicDirectory(): string {
  return fileURLToPath(new URL('../public/', import.meta.url));
}

function asset(path: string): StaticAsset {
  const body = readFileSync(path);
  const extension = path.slice(path.lastIndexOf('.') + 1);
  return {
    body,
    contentType: CONTENT_TYPES[extension] ?? 'application/octet-stream',
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
  };
}

/**
 * Loads the dashboard's assets once: the files of `public/` (scripts, styles) and Chart.js as
 * `chart.umd.min.js`. Only these names are ever served (no path from the URL reaches the disk).
 */
export function loadStaticAssets(): Map<string, StaticAsset> {
  const assets = new Map<string, StaticAsset>();
  const folder = publicDirectory();
  for (const name of readdirSync(folder)) {
    if (/^[a-z0-9-]+\.(js|css|svg)$/.test(name)) assets.set(name, asset(join(folder, name)));
  }
  assets.set('chart.umd.min.js', asset(chartJsPath()));
  return assets;
}
