// What every page shares: the key form, the status line, small DOM helpers, and polling.
import { getKey, setKey } from './api.js';

export function setStatus(text, isError = false) {
  const status = document.getElementById('status');
  status.textContent = text;
  status.classList.toggle('error', isError);
}

/** Shows a failed call on the status line; the page keeps what it showed before. */
export function showError(error) {
  setStatus(error?.message ?? String(error), true);
}

/** Creates an element with properties, attributes (attrs) and children (text or nodes). */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  const { attrs, ...rest } = props;
  Object.assign(node, rest);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    node.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) {
      node.append(child instanceof Node ? child : String(child));
    }
  }
  return node;
}

export const svg = (tag, attrs = {}, ...children) => {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attrs)) {
    node.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) {
      node.append(child instanceof Node ? child : String(child));
    }
  }
  return node;
};

export const time = (value) => (value ? new Date(value).toLocaleString() : '');

export const badge = (status) => el('span', { className: `badge ${status}` }, status);

export function fillRows(table, rows, emptyText) {
  const body = table.tBodies[0];
  body.replaceChildren(...rows);
  if (rows.length === 0) {
    const columns = table.tHead.rows[0].cells.length;
    body.append(el('tr', {}, el('td', { colSpan: columns }, emptyText)));
  }
}

/** Runs refresh now and every intervalMs while the page is open; a failed run shows on the status line. */
export function poll(refresh, intervalMs) {
  const run = async () => {
    try {
      await refresh();
    } catch (error) {
      showError(error);
    }
  };
  run();
  return setInterval(run, intervalMs);
}

/** Wires the key form: the key is kept in sessionStorage (this tab only) and sent as x-functions-key. */
export function start(onKeyChange) {
  const form = document.getElementById('key-form');
  const input = document.getElementById('key-input');
  input.value = getKey();
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    setKey(input.value.trim());
    setStatus(input.value.trim() ? 'Key saved for this tab.' : 'Key cleared.');
    onKeyChange?.();
  });
  document.getElementById('key-forget').addEventListener('click', () => {
    input.value = '';
    setKey('');
    setStatus('Key cleared.');
    onKeyChange?.();
  });
}
