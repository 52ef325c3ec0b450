// @ts-check
import { getJson } from './api.js';
import { definitionList, fillTable, h } from './dom.js';
import { formatCount, formatMs, formatTime, formatUsd } from './format.js';

/** @param {string} title @param {...unknown} content */
function block(title, ...content) {
  return h('article', { class: 'card detail-block' }, h('h3', {}, title), ...content);
}

/** @param {any[]} attempts */
function attemptsTable(attempts) {
  const table = /** @type {HTMLTableElement} */ (h('table', { class: 'data', id: 'attempts-table' }));
  fillTable(
    table,
    [
      '#',
      'Model',
      'Provider',
      'Provider model',
      'Credentials',
      'Started',
      'Duration',
      'Status',
      'Result',
      'Error',
      'Response id',
    ],
    attempts.map((attempt, index) => ({
      cells: [
        String(index + 1),
        attempt.model,
        attempt.provider,
        attempt.providerModelId,
        attempt.credentialType,
        formatTime(attempt.startTime),
        formatMs(attempt.durationMs),
        attempt.status === null ? '—' : String(attempt.status),
        h(
          'span',
          { class: attempt.success ? 'badge ok' : 'badge error' },
          attempt.success ? 'success' : 'failed',
        ),
        attempt.error ?? '',
        attempt.providerResponseId ? h('code', {}, attempt.providerResponseId) : '—',
      ],
    })),
    'No provider was called (answered by the gateway).',
  );
  return table;
}

/** @param {any} io */
function ioBlock(io) {
  if (!io) {
    return block(
      'Prompt and completion',
      h('p', { class: 'muted', id: 'io-off' }, 'Not captured: input/output logging is off for this request.'),
    );
  }
  const completion = io.completion;
  return block(
    'Prompt and completion',
    io.truncated ? h('p', { class: 'muted' }, 'Long fields were cut.') : null,
    h('h4', {}, 'Prompt'),
    h(
      'div',
      { id: 'io-prompt' },
      io.prompt.map((/** @type {any} */ message) =>
        h(
          'div',
          { class: `message ${message.role}` },
          h('span', { class: 'role' }, message.role),
          h('pre', {}, message.content),
        ),
      ),
    ),
    h('h4', {}, 'Completion'),
    completion.reasoning
      ? h('details', {}, h('summary', {}, 'Reasoning'), h('pre', {}, completion.reasoning))
      : null,
    h('pre', { id: 'io-completion' }, completion.text),
    completion.refusal ? h('p', {}, `Refusal: ${completion.refusal}`) : null,
    (completion.toolCalls ?? []).map((/** @type {any} */ call) =>
      h('pre', {}, `${call.name}(${call.input})`),
    ),
  );
}

/**
 * The detail view of one request: summary, tokens, cost, attempts, routing, metadata, I/O.
 * @param {string} id
 */
export async function showDetail(id) {
  const panel = /** @type {HTMLElement} */ (document.getElementById('view-detail'));
  const record = await getJson(`logs/${encodeURIComponent(id)}`);
  const cost = record.cost;
  panel.replaceChildren(
    h('p', {}, h('a', { href: '#logs', class: 'back' }, '← Logs')),
    h('h2', {}, 'Request ', h('code', { id: 'detail-id' }, record.generationId)),
    h(
      'div',
      { class: 'detail-grid' },
      block(
        'Summary',
        definitionList([
          ['Time', formatTime(record.time)],
          ['Endpoint', record.endpoint],
          [
            'Status',
            h(
              'span',
              { class: record.status >= 400 || record.error ? 'badge error' : 'badge ok' },
              String(record.status),
            ),
          ],
          ['Error', record.error ?? undefined],
          ['Model requested', record.requestedModel],
          ['Model used', record.model],
          ['Provider', record.provider],
          ['Finish reason', record.finishReason],
          ['Latency', formatMs(record.latencyMs)],
          ['Time to first token', formatMs(record.ttftMs)],
          ['Cache', record.cacheStatus ?? 'not involved'],
          ['Stream', record.stream ? 'yes' : 'no'],
          ['Aborted by client', record.aborted ? 'yes' : undefined],
        ]),
      ),
      block(
        'Who',
        definitionList([
          ['Principal', record.principalId],
          ['Key prefix', record.keyPrefix],
          ['Project', record.projectId],
          ['End user', record.user ?? undefined],
        ]),
        record.metadata
          ? [
              h('h4', {}, 'Metadata'),
              definitionList(Object.entries(record.metadata).map(([name, value]) => [name, String(value)])),
            ]
          : null,
      ),
      block(
        'Tokens',
        definitionList([
          ['Input', formatCount(record.tokens.input)],
          ['Uncached input', formatCount(record.tokens.noCache)],
          ['Cache read', formatCount(record.tokens.cacheRead)],
          ['Cache write', formatCount(record.tokens.cacheWrite)],
          ['Output', formatCount(record.tokens.output)],
          ['Reasoning', formatCount(record.tokens.reasoning)],
        ]),
      ),
      block(
        'Cost',
        cost
          ? definitionList([
              ['Charged', formatUsd(cost.total)],
              ['Market', formatUsd(cost.market)],
              ['Inference', formatUsd(cost.inference)],
              ['Input', formatUsd(cost.input)],
              ['Output', formatUsd(cost.output)],
              ['Cache read', cost.cacheRead === undefined ? undefined : formatUsd(cost.cacheRead)],
              ['Cache write', cost.cacheWrite === undefined ? undefined : formatUsd(cost.cacheWrite)],
              ['Own provider key', cost.isByok ? 'yes' : 'no'],
              ['Estimated', cost.estimated ? 'yes' : 'no'],
            ])
          : h('p', { class: 'muted' }, 'No price known for this request.'),
      ),
    ),
    block('Attempts', attemptsTable(record.attempts)),
    record.routing
      ? block(
          'Routing',
          definitionList([
            ['Canonical model', record.routing.canonicalSlug],
            ['Fallbacks available', record.routing.fallbacksAvailable.join(', ') || 'none'],
            ['Plan', record.routing.planningReasoning],
          ]),
        )
      : null,
    ioBlock(record.io),
  );
}
