/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function head(title: string, base: string, scripts: boolean): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${base}/assets/styles.css">
${scripts ? `<script src="${base}/assets/chart.umd.min.js" defer></script>\n<script type="module" src="${base}/assets/app.js"></script>\n` : ''}</head>`;
}

/** The sign-in page: a form posting the admin key (never put in a URL). */
export function signInPage(options: { title: string; base: string; error?: string }): string {
  const base = escapeHtml(options.base);
  return `${head(options.title, base, false)}
<body class="sign-in">
<main class="sign-in-card">
<h1>${escapeHtml(options.title)}</h1>
<p>Sign in with the gateway's admin key (<code>SIGNALBOX_ADMIN_KEY</code>).</p>
${options.error ? `<p class="error" role="alert">${escapeHtml(options.error)}</p>` : ''}
<form method="post" action="${base}/sign-in">
<label for="key">Admin key</label>
<input id="key" name="key" type="password" autocomplete="current-password" required autofocus>
<button type="submit">Sign in</button>
</form>
</main>
</body>
</html>
`;
}

function chartCard(id: string, title: string, unit: string): string {
  return `<article class="card chart-card"><h3>${title}</h3><p class="unit">${unit}</p><div class="chart-box"><canvas id="${id}" aria-label="${title}" role="img"></canvas></div><p class="empty" hidden>No data in this range.</p></article>`;
}

function filterField(label: string, control: string): string {
  return `<label>${label}${control}</label>`;
}

/** The dashboard page: Usage, Activity and Logs views, filled by `app.js` from the JSON API. */
export function appPage(options: { title: string; base: string }): string {
  const base = escapeHtml(options.base);
  const select = (name: string, values: Array<[string, string]>) =>
    `<select name="${name}">${values.map(([value, text]) => `<option value="${value}">${text}</option>`).join('')}</select>`;
  return `${head(options.title, base, true)}
<body data-base="${base}">
<header class="top">
<h1>${escapeHtml(options.title)}</h1>
<nav>
<a href="#usage" data-view="usage">Usage</a>
<a href="#activity" data-view="activity">Activity</a>
<a href="#logs" data-view="logs">Logs</a>
</nav>
<label class="range">Range <select id="range">
<option value="1h">Last hour</option>
<option value="24h" selected>Last 24 hours</option>
<option value="7d">Last 7 days</option>
<option value="30d">Last 30 days</option>
</select></label>
<form method="post" action="${base}/sign-out" class="sign-out"><button type="submit">Sign out</button></form>
</header>
<main>
<section id="view-usage" data-view-panel="usage">
<div class="tiles" id="usage-tiles"></div>
<div class="charts">
${chartCard('chart-spend', 'Spend by Model', 'USD')}
${chartCard('chart-ttft', 'P50 TTFT by Model', 'milliseconds')}
${chartCard('chart-requests', 'Requests by Model', 'requests')}
${chartCard('chart-tokens', 'All Tokens', 'tokens by kind')}
</div>
</section>
<section id="view-activity" data-view-panel="activity" hidden>
<h2>By project</h2>
<table id="table-projects" class="data"></table>
<h2>By API key</h2>
<table id="table-keys" class="data"></table>
</section>
<section id="view-logs" data-view-panel="logs" hidden>
<form id="log-filters" class="filters">
${filterField('Model', '<input name="model" list="known-models" autocomplete="off">')}
<datalist id="known-models"></datalist>
${filterField('Key', '<input name="key" placeholder="key id or prefix" autocomplete="off">')}
${filterField(
  'Status',
  select('status', [
    ['', 'Any'],
    ['success', 'Success'],
    ['error', 'Error'],
    ['4xx', '4xx'],
    ['5xx', '5xx'],
  ]),
)}
${filterField(
  'Cache',
  select('cache', [
    ['', 'Any'],
    ['HIT', 'Hit'],
    ['MISS', 'Miss'],
    ['BYPASS', 'Bypass'],
    ['none', 'Not cached'],
  ]),
)}
${filterField('From', '<input name="from" type="datetime-local">')}
${filterField('To', '<input name="to" type="datetime-local">')}
<button type="submit">Apply</button>
<button type="reset">Clear</button>
</form>
<table id="log-table" class="data logs"></table>
<p><button id="log-more" type="button" hidden>Load more</button></p>
</section>
<section id="view-detail" data-view-panel="detail" hidden></section>
</main>
<p id="status" role="status" class="status"></p>
</body>
</html>
`;
}
