import { describe, expect, it } from 'vitest';
import { loadStaticAssets } from './static-assets.js';

describe('loadStaticAssets', () => {
  it('holds the page scripts, the styles and Chart.js from node_modules', () => {
    const assets = loadStaticAssets();
    expect(assets.get('app.js')?.contentType).toBe('text/javascript; charset=utf-8');
    expect(assets.get('styles.css')?.contentType).toBe('text/css; charset=utf-8');
    const chart = assets.get('chart.umd.min.js');
    expect(chart?.body.toString('utf8', 0, 400)).toContain('Chart.js v4');
    expect(chart?.etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
  });
});
