// Orchestration instances: list, terminate, purge, raise an event (the Durable Functions management API).
import { call, webhooks } from './api.js';
import { badge, el, fillRows, poll, setStatus, showError, start, time } from './page.js';

const base = webhooks('/durabletask/instances');
const filter = document.getElementById('instances-filter');
const table = document.getElementById('instances');

async function act(label, method, path, body) {
  try {
    await call(method, path, body);
    setStatus(`${label}: done.`);
    await load();
  } catch (error) {
    showError(error);
  }
}

function actions(instance) {
  const id = encodeURIComponent(instance.instanceId);
  const running = ['Running', 'Pending'].includes(instance.runtimeStatus);
  return running
    ? el('button', {
      type: 'button', className: 'danger', onclick: () => act(`Terminate ${instance.instanceId}`, 'POST',
        `${base}/${id}/terminate?reason=${encodeURIComponent('Terminated from the dashboard')}`),
    }, 'Terminate', el('span', { className: 'sr-only' }, ` ${instance.instanceId}`))
    : el('button', {
      type: 'button', className: 'secondary', onclick: () => act(`Purge ${instance.instanceId}`, 'DELETE',
        `${base}/${id}`),
    }, 'Purge', el('span', { className: 'sr-only' }, ` ${instance.instanceId}`));
}

async function load() {
  const status = new FormData(filter).get('runtimeStatus');
  const query = status ? `?runtimeStatus=${status}&top=100` : '?top=100';
  const instances = (await call('GET', `${base}/${query}`)).data
    .sort((a, b) => b.createdTime.localeCompare(a.createdTime));
  fillRows(table, instances.map((instance) => el('tr', { attrs: { 'data-instance-id': instance.instanceId } },
    el('td', {}, instance.name === 'PlaceOrder'
      ? el('a', { href: `/dashboard/orders/${encodeURIComponent(instance.instanceId)}` }, instance.instanceId)
      : instance.instanceId),
    el('td', {}, instance.name),
    el('td', {}, badge(instance.runtimeStatus)),
    el('td', {}, time(instance.createdTime)),
    el('td', {}, time(instance.lastUpdatedTime)),
    el('td', {}, actions(instance)))), 'No instances.');
  setStatus(`${instances.length} instances · updated ${new Date().toLocaleTimeString()}`);
}

filter.addEventListener('submit', (event) => {
  event.preventDefault();
  load().catch(showError);
});
document.getElementById('raise-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const payload = String(form.get('payload') ?? '').trim();
  let body;
  try {
    body = payload ? JSON.parse(payload) : undefined;
  } catch {
    setStatus('The payload is not valid JSON.', true);
    return;
  }
  await act(`Event ${form.get('eventName')} raised`, 'POST',
    `${base}/${encodeURIComponent(form.get('instanceId'))}/raiseEvent/${encodeURIComponent(form.get('eventName'))}`,
    body);
});
start(() => load().catch(showError));
poll(load, 5000);
