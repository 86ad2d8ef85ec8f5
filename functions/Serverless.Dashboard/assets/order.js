// One order: its summary, its saga drawn as a timeline, its payment ledger and its shipment. A shareable link.
import { api, call, webhooks, ApiError } from './api.js';
import { badge, el, fillRows, poll, setStatus, start, time } from './page.js';
import { draw, stepsOf } from './timeline.js';

const orderId = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop());
const settled = new Set(['Confirmed', 'Cancelled']);
// Where a trace is shown (Dashboard:TraceLinkTemplate, with {traceId}); empty when the host sets none.
const traceLink = document.querySelector('meta[name="trace-link"]')?.content ?? '';
let timer = null;

document.querySelector('h1').textContent = `Order ${orderId}`;
document.title = `Order ${orderId} · Orders dashboard`;

// Durable Functions answers a failed or terminated instance's status with 400 and the status as its body.
async function instance() {
  const path = webhooks(`/durabletask/instances/${encodeURIComponent(orderId)}?showHistory=true&showHistoryOutput=true`);
  try {
    return (await call('GET', path)).data;
  } catch (error) {
    if (error instanceof ApiError && error.status === 400 && error.problem?.runtimeStatus) {
      return error.problem;
    }
    if (error instanceof ApiError && error.status === 404) {
      return null;
    }
    throw error;
  }
}

// The order's one trace: its id, and a link to it where the host names a trace viewer.
function traceOf(traceId) {
  const attrs = { 'data-trace-id': traceId };
  if (!traceLink) {
    return el('code', { attrs }, traceId);
  }
  const href = traceLink.replaceAll('{traceId}', encodeURIComponent(traceId));
  return el('a', { href, rel: 'noreferrer', attrs }, el('code', {}, traceId));
}

function showSummary(order, status) {
  const facts = [
    ['Status', badge(order.status)],
    ['Customer', order.customerId],
    ['Total', Number(order.total).toFixed(2)],
    ['Items', order.items.map((i) => `${i.quantity} × ${i.sku}`).join(', ')],
    ['Placed', time(order.createdAt)],
    ['Updated', time(order.updatedAt)],
    ['Saga', status ? `${status.runtimeStatus} (${status.name})` : 'purged or not started'],
  ];
  if (status?.traceId) {
    facts.push(['Trace', traceOf(status.traceId)]);
  }
  if (order.reason) {
    facts.push(['Reason', order.reason]);
  }
  if (order.compensation) {
    facts.push(['Compensation', `${order.compensation.step ?? ''} attempt ${order.compensation.attempts ?? ''}: ` +
      `${order.compensation.lastError ?? ''}`]);
  }
  document.getElementById('summary').replaceChildren(...facts.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
}

function showTimeline(status) {
  const box = document.getElementById('timeline');
  const list = document.getElementById('timeline-steps');
  const steps = status?.historyEvents ? stepsOf(status.historyEvents) : [];
  if (steps.length === 0) {
    box.replaceChildren(el('p', {}, 'No history to draw.'));
    list.replaceChildren();
    return;
  }
  box.replaceChildren(draw(steps));
  list.replaceChildren(...steps.map((step) => el('li', {
    attrs: { 'data-name': step.name, 'data-kind': step.kind, 'data-failed': String(step.failed) },
  }, el('span', { className: 'kind' }, step.name), ` — ${step.kind}`,
  step.failed ? el('span', { className: 'failure' }, ` — failed: ${step.failure}`) : '',
  ` (${time(step.start)})`)));
}

async function showPayment() {
  const payment = (await call('GET', api(`/payments/${encodeURIComponent(orderId)}`))).data;
  document.getElementById('payment-summary').textContent =
    `${payment.status}: charged ${Number(payment.amount).toFixed(2)}, net ${Number(payment.netAmount).toFixed(2)}`;
  fillRows(document.getElementById('ledger'), payment.ledger.map((entry) => el('tr', {},
    el('td', {}, entry.kind), el('td', { className: 'num' }, Number(entry.amount).toFixed(2)),
    el('td', {}, time(entry.at)))), 'No money moved.');
}

async function showShipment(order) {
  const target = document.getElementById('shipment');
  if (order.status !== 'Confirmed') {
    target.textContent = 'None: only a confirmed order ships.';
    return;
  }
  try {
    const shipment = (await call('GET', api(`/shipments/${encodeURIComponent(orderId)}`))).data;
    target.textContent = `${shipment.shipmentId}, created ${time(shipment.createdAt)}.`;
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404)) {
      throw error;
    }
    target.textContent = 'Not yet: fulfilment has not handled the order\'s OrderConfirmed (see the poison queues).';
  }
}

async function load() {
  let order;
  try {
    order = (await call('GET', api(`/orders/${encodeURIComponent(orderId)}`))).data;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      setStatus(`There is no order ${orderId}.`, true);
      clearInterval(timer);
      return;
    }
    throw error;
  }
  const status = await instance();
  showSummary(order, status);
  showTimeline(status);
  await showPayment();
  await showShipment(order);
  const done = settled.has(order.status) && (!status || !['Running', 'Pending'].includes(status.runtimeStatus));
  setStatus(`${done ? 'Settled' : 'In flight, refreshing'} · updated ${new Date().toLocaleTimeString()}`);
}

start(() => load());
timer = poll(load, 3000);
