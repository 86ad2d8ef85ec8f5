// The saga of one order as bars on a time axis, built from its orchestration history (showHistory=true).
import { svg } from './page.js';

/** The activities that undo an earlier step. */
export const compensations = new Set(['RefundPayment', 'ReleaseStock']);

/**
 * Turns history events into steps: one per activity attempt, timer and raised event, in the order they began.
 * kind is activity, retry (an activity tried again after it failed), compensation, timer or event; failed steps
 * carry the failure's text.
 */
export function stepsOf(history) {
  const steps = [];
  const open = new Map();
  const failedNames = new Set();
  let compensating = false;
  for (const event of history) {
    const at = Date.parse(event.Timestamp);
    switch (event.EventType) {
      case 'TaskScheduled': {
        const name = event.FunctionName;
        const isCompensation = compensations.has(name);
        compensating ||= isCompensation;
        const kind = isCompensation ? 'compensation' : failedNames.has(name) ? 'retry' : 'activity';
        const step = { name, kind, start: at, end: null, failed: false, failure: null, duringCompensation: compensating };
        open.set(`task:${event.EventId}`, step);
        steps.push(step);
        break;
      }
      case 'TaskCompleted':
      case 'TaskFailed': {
        const step = open.get(`task:${event.EventId}`);
        if (step) {
          step.end = at;
          if (event.EventType === 'TaskFailed') {
            step.failed = true;
            step.failure = event.Reason ?? event.Details ?? 'failed';
            failedNames.add(step.name);
          }
        }
        break;
      }
      case 'TimerCreated': {
        const step = { name: 'Timer', kind: 'timer', start: at, end: Date.parse(event.FireAt), failed: false };
        open.set(`timer:${event.EventId}`, step);
        steps.push(step);
        break;
      }
      case 'TimerFired': {
        const step = open.get(`timer:${event.EventId}`);
        if (step) {
          step.end = at;
        }
        break;
      }
      case 'EventRaised':
        steps.push({ name: `Event ${event.Name}`, kind: 'event', start: at, end: at, failed: false });
        break;
      default:
        break;
    }
  }
  return steps;
}

/** Draws the steps as an SVG Gantt chart: one lane per step, a time axis in seconds from the first. */
export function draw(steps, now = Date.now()) {
  const lane = 26;
  const left = 170;
  const width = 900;
  const top = 24;
  const origin = Math.min(...steps.map((s) => s.start));
  const finish = Math.max(...steps.map((s) => s.end ?? now), origin + 1);
  const span = Math.max(finish - origin, 1);
  const x = (t) => left + ((t - origin) / span) * (width - left - 20);
  // A failed step gets a second line under its bar for the failure's text.
  const offsets = [];
  let next = top;
  for (const step of steps) {
    offsets.push(next);
    next += lane + (step.failed && step.failure ? 16 : 0);
  }
  const height = next + 10;
  const chart = svg('svg', {
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'aria-label': `Saga timeline: ${steps.length} steps over ${(span / 1000).toFixed(2)} s; the list below reads it out`,
  });
  const axis = svg('g', { class: 'axis' });
  for (let i = 0; i <= 4; i++) {
    const t = origin + (span * i) / 4;
    axis.append(
      svg('line', { x1: x(t), x2: x(t), y1: top - 6, y2: height - 6 }),
      svg('text', { x: x(t), y: 14, 'text-anchor': 'middle' }, `${((t - origin) / 1000).toFixed(2)} s`));
  }
  chart.append(axis);
  steps.forEach((step, index) => {
    const y = offsets[index];
    const end = step.end ?? now;
    const classes = ['bar', step.kind, step.failed ? 'failed' : ''].join(' ').trim();
    const group = svg('g', { class: 'lane' },
      svg('text', { x: 4, y: y + 15 }, step.name),
      svg('rect', { class: classes, x: x(step.start), y: y + 3, width: Math.max(x(end) - x(step.start), 4), height: 16,
        rx: 2 }, svg('title', {}, `${step.name} (${step.kind}${step.failed ? ', failed' : ''})`)));
    if (step.failed && step.failure) {
      group.append(svg('text', { class: 'failure-text', x: Math.min(x(step.start), width - 480), y: y + 34 },
        step.failure.length > 80 ? `${step.failure.slice(0, 77)}…` : step.failure));
    }
    chart.append(group);
  });
  return chart;
}
