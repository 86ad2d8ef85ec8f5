// Poison queues: counts, the head of one queue, and per message re-queue or delete (the queue management API).
import { call, webhooks } from './api.js';
import { el, fillRows, poll, setStatus, showError, start, time } from './page.js';

const base = webhooks('/queues/poison');
let selected = new URLSearchParams(location.search).get('queue');
let lastAction = '';

async function act(label, method, path) {
  try {
    const answer = await call(method, path);
    const remaining = answer.data?.remaining;
    lastAction = `${label}${remaining === undefined ? '' : `, ${remaining} left in the queue`}.`;
    await load();
  } catch (error) {
    showError(error);
  }
}

function queueRow(queue) {
  const name = encodeURIComponent(queue.queue);
  return el('tr', { attrs: { 'data-queue': queue.queue, 'data-count': String(queue.count) } },
    el('td', {}, queue.queue),
    el('td', {}, queue.originalQueue),
    el('td', { className: 'num' }, String(queue.count)),
    el('td', {},
      el('button', { type: 'button', className: 'secondary', onclick: () => { selected = queue.queue; load(); } },
        'Peek', el('span', { className: 'sr-only' }, ` ${queue.queue}`)),
      ' ',
      el('button', {
        type: 'button', disabled: queue.count === 0,
        onclick: () => act(`Re-queue all of ${queue.queue}`, 'POST', `${base}/${name}/requeue`),
      }, 'Re-queue all', el('span', { className: 'sr-only' }, ` of ${queue.queue}`))));
}

function messageRow(queue, message) {
  const path = `${base}/${encodeURIComponent(queue)}/messages/${encodeURIComponent(message.id)}`;
  return el('tr', { attrs: { 'data-message-id': message.id } },
    el('td', {}, message.id),
    el('td', {}, time(message.insertedAt)),
    el('td', {}, el('pre', {}, message.body)),
    el('td', {},
      el('button', { type: 'button', onclick: () => act(`Message ${message.id} re-queued`, 'POST', `${path}/requeue`) },
        'Re-queue', el('span', { className: 'sr-only' }, ` message ${message.id}`)),
      ' ',
      el('button', { type: 'button', className: 'danger', onclick: () => act(`Message ${message.id} deleted`, 'DELETE',
        path) }, 'Delete', el('span', { className: 'sr-only' }, ` message ${message.id}`))));
}

async function load() {
  const queues = (await call('GET', `${base}/`)).data;
  fillRows(document.getElementById('poison-queues'), queues.map(queueRow), 'No queues.');
  selected ??= queues.find((q) => q.count > 0)?.queue ?? null;
  const messages = document.getElementById('poison-messages');
  if (selected) {
    const peeked = (await call('GET', `${base}/${encodeURIComponent(selected)}`)).data;
    document.getElementById('messages-of').textContent = `${peeked.queue}: ${peeked.count} message(s); they ` +
      `failed on ${peeked.originalQueue}.`;
    fillRows(messages, peeked.messages.map((m) => messageRow(selected, m)), 'The queue is empty.');
  } else {
    fillRows(messages, [], 'No poison messages.');
  }
  setStatus(`${lastAction ? `${lastAction} ` : ''}${queues.reduce((sum, q) => sum + q.count, 0)} poison messages · ` +
    `updated ${new Date().toLocaleTimeString()}`);
}

start(() => load().catch(showError));
poll(load, 5000);
