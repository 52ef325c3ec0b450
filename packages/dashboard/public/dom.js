// @ts-check
/**
 * Builds an element: attributes (class, data-*, on<event> listeners, booleans) and children
 * (nodes or text). Text always goes in as text nodes: nothing from the log is parsed as HTML.
 * @param {string} tag
 * @param {Record<string, unknown>} [attributes]
 * @param {...unknown} children
 * @returns {HTMLElement}
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') element.className = String(value);
    else if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), /** @type {EventListener} */ (value));
    } else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat(3)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/**
 * A table from column headings and rows of cells.
 * @param {HTMLTableElement} table
 * @param {string[]} headings
 * @param {Array<{ cells: unknown[], onclick?: () => void, id?: string }>} rows
 * @param {string} emptyText
 */
export function fillTable(table, headings, rows, emptyText) {
  const head = h(
    'thead',
    {},
    h(
      'tr',
      {},
      headings.map((heading) => h('th', { scope: 'col' }, heading)),
    ),
  );
  const body = h(
    'tbody',
    {},
    rows.length === 0
      ? h('tr', {}, h('td', { colspan: headings.length, class: 'empty-row' }, emptyText))
      : rows.map((row) =>
          h(
            'tr',
            { class: row.onclick ? 'clickable' : undefined, onclick: row.onclick, 'data-id': row.id },
            row.cells.map((cell) => h('td', {}, cell)),
          ),
        ),
  );
  table.replaceChildren(head, body);
}

/**
 * A definition list from label/value pairs (values that are undefined are left out).
 * @param {Array<[string, unknown]>} pairs
 */
export function definitionList(pairs) {
  return h(
    'dl',
    { class: 'facts' },
    pairs
      .filter(([, value]) => value !== undefined)
      .map(([label, value]) => [h('dt', {}, label), h('dd', {}, value === null ? '—' : value)]),
  );
}
