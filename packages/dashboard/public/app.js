// @ts-check
import { rangeOf } from './api.js';
import { showActivity } from './activity-view.js';
import { showDetail } from './detail-view.js';
import { presetFilters, showLogs, showMoreLogs } from './logs-view.js';
import { showUsage } from './usage-view.js';

const rangePicker = /** @type {HTMLSelectElement} */ (document.getElementById('range'));
const status = /** @type {HTMLElement} */ (document.getElementById('status'));

/** @param {string} text @param {boolean} [failed] */
function say(text, failed = false) {
  status.textContent = text;
  status.classList.toggle('error', failed);
}

/** Which view the address asks for: `#usage`, `#activity`, `#logs?key=...`, `#log/<id>`. */
function parseHash() {
  const hash = decodeURIComponent(window.location.hash.slice(1));
  if (hash.startsWith('log/')) return { view: 'detail', id: hash.slice(4), params: new URLSearchParams() };
  const [view = 'usage', query = ''] = hash.split('?');
  return {
    view: ['usage', 'activity', 'logs'].includes(view) ? view : 'usage',
    id: '',
    params: new URLSearchParams(query),
  };
}

/** @param {string} view */
function showPanel(view) {
  for (const panel of document.querySelectorAll('[data-view-panel]')) {
    if (panel instanceof HTMLElement) panel.hidden = panel.dataset.viewPanel !== view;
  }
  for (const link of document.querySelectorAll('nav a[data-view]')) {
    const current =
      link instanceof HTMLElement &&
      (link.dataset.view === view || (view === 'detail' && link.dataset.view === 'logs'));
    if (current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

async function refresh() {
  const { view, id, params } = parseHash();
  const range = rangeOf(rangePicker.value);
  showPanel(view);
  say('Loading…');
  try {
    if (view === 'usage') {
      const { models } = await showUsage(range);
      const list = document.getElementById('known-models');
      list?.replaceChildren(
        ...models.map((/** @type {string} */ model) =>
          Object.assign(document.createElement('option'), { value: model }),
        ),
      );
    } else if (view === 'activity') await showActivity(range);
    else if (view === 'logs') {
      if (params.size > 0) presetFilters(params);
      await showLogs(range);
    } else await showDetail(id);
    say(`Updated ${new Date().toLocaleTimeString()}`);
    document.body.dataset.ready = view;
  } catch (error) {
    say(error instanceof Error ? error.message : String(error), true);
  }
}

rangePicker.addEventListener('change', () => void refresh());
window.addEventListener('hashchange', () => void refresh());
document.getElementById('log-filters')?.addEventListener('submit', (event) => {
  event.preventDefault();
  if (window.location.hash.startsWith('#logs?')) window.location.hash = '#logs';
  else void refresh();
});
document.getElementById('log-filters')?.addEventListener('reset', () => {
  setTimeout(() => void refresh(), 0);
});
document.getElementById('log-more')?.addEventListener('click', () => {
  showMoreLogs().catch((error) => say(String(error), true));
});
void refresh();
