import { describe, expect, it } from 'vitest';
import { appPage, escapeHtml, signInPage } from './pages.js';

describe('pages', () => {
  it('escapes text', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('renders the sign-in form posting to the dashboard, with an escaped error', () => {
    const html = signInPage({ title: 'Signalbox', base: '/dashboard', error: '<b>bad</b>' });
    expect(html).toContain('<form method="post" action="/dashboard/sign-in">');
    expect(html).toContain('type="password"');
    expect(html).toContain('&lt;b&gt;bad&lt;/b&gt;');
    expect(html).not.toContain('<script');
  });

  it('renders the app with local scripts only and no inline script or style', () => {
    const html = appPage({ title: 'Signalbox', base: '/ops/dash' });
    expect(html).toContain('<script src="/ops/dash/assets/chart.umd.min.js" defer></script>');
    expect(html).toContain('<script type="module" src="/ops/dash/assets/app.js"></script>');
    for (const id of [
      'chart-spend',
      'chart-ttft',
      'chart-requests',
      'chart-tokens',
      'table-projects',
      'table-keys',
      'log-table',
    ]) {
      expect(html).toContain(`id="${id}"`);
    }
    expect(html).not.toMatch(/<script>(?!<)/);
    expect(html).not.toContain('style=');
    expect(html).not.toContain('http');
  });
});
