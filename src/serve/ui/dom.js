/**
 * DOM helpers. Text from the data (titles, plots, names) only ever reaches the page as text nodes
 * (via `h`); no module of the UI assigns `innerHTML` (the browser test checks hostile names).
 */
/* global document, Node */

/**
 * Creates an element: `h('a', { href: '#/', class: 'x', onclick: fn }, 'text', child)`. Strings and
 * numbers become text nodes; null/false children are skipped; `on*` attributes become listeners.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

/** Appends children (nested arrays allowed) to `el` as nodes or text. */
export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Replaces the content of `el`. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}
