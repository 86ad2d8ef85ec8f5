// The landing page: the most recent orders (newest first), filters, search, and a form that places a test order.
import { api, call, ApiError } from './api.js';
import { badge, el, fillRows, poll, setStatus, showError, start, time } from './page.js';

const maxRows = 200;
const filters = document.getElementById('filter-form');
const table = document.getElementById('orders');

const orderIdPattern = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

function query(extra) {
  const form = new FormData(filters);
  const params = new URLSearchParams({ top: String(maxRows), ...extra });
  if (form.get('status')) {
    params.set('status', form.get('status'));
  }
  if (form.get('window')) {
    params.set('createdFrom', new Date(Date.now() - Number(form.get('window')) * 60_000).toISOString());
  }
  return params;
}

// A search is an order id (read directly) or a customer id (listed with the other filters).
async function load() {
  const search = String(new FormData(filters).get('search') ?? '').trim();
  const found = new Map();
  if (search) {
    const byCustomer = await call('GET', api(`/orders?${query({ customerId: search })}`));
    byCustomer.data.items.forEach((order) => found.set(order.orderId, order));
    if (orderIdPattern.test(search) && !found.has(search)) {
      try {
        const byId = await call('GET', api(`/orders/${encodeURIComponent(search)}`));
        found.set(byId.data.orderId, byId.data);
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 404)) {
          throw error;
        }
      }
    }
  } else {
    const page = await call('GET', api(`/orders?${query({})}`));
    page.data.items.forEach((order) => found.set(order.orderId, order));
  }
  const orders = [...found.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, maxRows);
  fillRows(table, orders.map(row), 'No orders match.');
  setStatus(`${orders.length} order${orders.length === 1 ? '' : 's'} · updated ${new Date().toLocaleTimeString()}`);
}

function row(order) {
  return el('tr', { attrs: { 'data-order-id': order.orderId, 'data-status': order.status } },
    el('td', {}, el('a', { href: `/dashboard/orders/${encodeURIComponent(order.orderId)}` }, order.orderId)),
    el('td', {}, order.customerId),
    el('td', {}, badge(order.status)),
    el('td', { className: 'num' }, Number(order.total).toFixed(2)),
    el('td', {}, time(order.createdAt)));
}

async function place(event) {
  event.preventDefault();
  const form = new FormData(event.target);
  const placed = document.getElementById('placed');
  try {
    const answer = await call('POST', api('/orders'), {
      customerId: form.get('customerId'),
      items: [{ sku: form.get('sku'), quantity: Number(form.get('quantity')) }],
      payment: { token: form.get('token') },
    });
    placed.replaceChildren('Placed ', el('a', {
      href: `/dashboard/orders/${encodeURIComponent(answer.data.orderId)}`,
      attrs: { 'data-placed-order': answer.data.orderId },
    }, answer.data.orderId), '.');
    await load();
  } catch (error) {
    placed.textContent = `Not placed: ${error.message}`;
  }
}

filters.addEventListener('submit', (event) => {
  event.preventDefault();
  load().catch(showError);
});
document.getElementById('place-form').addEventListener('submit', place);
start(() => load().catch(showError));
poll(load, 3000);
