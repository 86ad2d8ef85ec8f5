// Workers and queues from the health details, and the live rates as charts.
import { api, call } from './api.js';
import { el, fillRows, poll, setStatus, start, svg, time } from './page.js';

function chart(title, buckets, series, unit) {
  const width = 900;
  const height = 220;
  const left = 56;
  const bottom = 24;
  const values = buckets.flatMap((b) => series.map((s) => b[s.field] ?? 0));
  const max = Math.max(...values, unit === 'ms' ? 10 : 1);
  const x = (i) => left + (i / Math.max(buckets.length - 1, 1)) * (width - left - 10);
  const y = (v) => height - bottom - (v / max) * (height - bottom - 32);
  const summary = series.map((s) => `${s.label} latest ${buckets.at(-1)?.[s.field] ?? 'none'}`).join(', ');
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': `${title}: ${summary}` });
  const grid = svg('g', { class: 'axis' });
  for (let i = 0; i <= 4; i++) {
    const v = (max * i) / 4;
    grid.append(svg('line', { x1: left, x2: width - 10, y1: y(v), y2: y(v) }),
      svg('text', { x: left - 6, y: y(v) + 4, 'text-anchor': 'end' }, unit === 'ms' ? v.toFixed(0) : v.toFixed(1)));
  }
  grid.append(svg('text', { x: left, y: height - 6 }, time(buckets[0]?.start)),
    svg('text', { x: width - 10, y: height - 6, 'text-anchor': 'end' }, 'now'));
  root.append(grid);
  series.forEach((s, index) => {
    const points = buckets.map((b, i) => (b[s.field] === null ? null : `${x(i)},${y(b[s.field])}`)).filter(Boolean);
    if (points.length > 0) {
      root.append(svg('polyline', { class: s.className, points: points.join(' ') }));
    }
    const at = left + 10 + index * 170;
    root.append(svg('line', { x1: at, x2: at + 24, y1: 10, y2: 10, class: s.className }),
      svg('text', { x: at + 30, y: 14 }, `${s.label} (${unit})`));
  });
  return el('figure', {}, el('figcaption', {}, title), root);
}

async function loadRates() {
  const rates = (await call('GET', api('/health/rates?minutes=5'))).data;
  const total = rates.total;
  document.getElementById('rates-summary').textContent =
    `Last ${rates.windowSeconds / 60} minutes, as this host counted them: ${total.placed} placed ` +
    `(${total.placedPerSecond}/s), ${total.settled} settled, saga p50 ${total.sagaP50Ms ?? '–'} ms, ` +
    `p99 ${total.sagaP99Ms ?? '–'} ms.`;
  document.getElementById('rates-chart').replaceChildren(chart('Orders per second', rates.buckets, [
    { field: 'placedPerSecond', label: 'placed', className: 'series-placed' },
    { field: 'settledPerSecond', label: 'settled', className: 'series-settled' },
  ], '/s'));
  document.getElementById('latency-chart').replaceChildren(chart('Saga duration', rates.buckets, [
    { field: 'sagaP50Ms', label: 'p50', className: 'series-p50' },
    { field: 'sagaP99Ms', label: 'p99', className: 'series-p99' },
  ], 'ms'));
}

async function loadHealth() {
  const health = (await call('GET', api('/health/details'))).data;
  const storage = health.storage;
  document.getElementById('storage').replaceChildren(...[
    ['Status', health.status], ['Backend', storage.kind], ['Reachable', storage.reachable ? 'yes' : 'no'],
    ['Latency', `${storage.latencyMs.toFixed(1)} ms`], ['Requests sent', String(storage.requestsTotal)],
  ].flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
  fillRows(document.getElementById('queues'), health.queues.map((q) => el('tr', { attrs: { 'data-queue': q.name } },
    el('td', {}, q.name), el('td', { className: 'num' }, String(q.ready)),
    el('td', { className: 'num' }, String(q.scheduled)),
    el('td', { className: 'num' }, q.oldestMessageAgeSeconds === null ? '–' : q.oldestMessageAgeSeconds.toFixed(1)),
    el('td', { className: 'num' }, String(q.poisonCount)))), 'No queues.');
  fillRows(document.getElementById('workers'), health.workers.map((w) => el('tr', {},
    el('td', {}, `${w.workerId}${w.current ? ' (this host)' : ''}`), el('td', {}, w.machine),
    el('td', {}, String(w.processId)), el('td', {}, w.live ? 'yes' : 'no'),
    el('td', { className: 'num' }, String(w.heldMessages)), el('td', {}, time(w.renewedAt)))), 'No worker leases.');
}

async function load() {
  await Promise.all([loadRates(), loadHealth()]);
  setStatus(`Updated ${new Date().toLocaleTimeString()}`);
}

start(() => load());
poll(load, 5000);
