// The one way the pages reach the host: its HTTP API, with the key the operator entered (sessionStorage only).
const keyName = 'serverless-dashboard-key';
const prefix = document.querySelector('meta[name="api-prefix"]')?.content ?? 'api';

/** An API path under the host's route prefix, e.g. api('/orders') is '/api/orders'. */
export const api = (path) => (prefix ? `/${prefix}` : '') + path;

/** The management routes (instances, poison queues), which are not under the route prefix. */
export const webhooks = (path) => `/runtime/webhooks${path}`;

export const getKey = () => sessionStorage.getItem(keyName) ?? '';

export function setKey(key) {
  if (key) {
    sessionStorage.setItem(keyName, key);
  } else {
    sessionStorage.removeItem(keyName);
  }
}

/** An answer outside 2xx, with its problem+json body when it had one. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(ApiError.describe(status, problem));
    this.status = status;
    this.problem = problem;
  }

  static describe(status, problem) {
    if (status === 401) {
      return 'The API asks for a key: enter the admin key above.';
    }
    const errors = problem?.errors
      ? Object.entries(problem.errors).map(([field, messages]) => `${field}: ${messages.join(' ')}`).join('; ')
      : '';
    return `${status} ${problem?.title ?? ''} ${problem?.detail ?? ''} ${errors}`.replace(/\s+/g, ' ').trim();
  }
}

/** Calls the API; returns { status, data, headers } or throws an ApiError. */
export async function call(method, path, body, extraHeaders = {}) {
  const headers = { Accept: 'application/json, application/problem+json', ...extraHeaders };
  const key = getKey();
  if (key) {
    headers['x-functions-key'] = key;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
  });
  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }
  if (!response.ok) {
    throw new ApiError(response.status, data);
  }
  return { status: response.status, data, headers: response.headers };
}
