/** The JSON API client, and the tokens this browser holds (per user, in localStorage). */
/* global fetch, localStorage, URLSearchParams */

/** An API error with its HTTP status and `{ code, message }`. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** GET/POST `path`; throws ApiError with the server's message on failure. */
export async function api(path, { method = 'GET', body, token } = {}) {
  const headers = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, data.error?.code ?? 'error', data.error?.message ?? response.statusText);
  return data;
}

/** A query string from an object (skips empty values; arrays repeat the key). */
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    for (const v of Array.isArray(value) ? value : [value]) search.append(key, String(v));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

const TOKENS = 'maxella.tokens';
const CURRENT = 'maxella.currentUser';

/** The write token this browser holds for `userId`, if any. */
export function tokenFor(userId) {
  return JSON.parse(localStorage.getItem(TOKENS) ?? '{}')[userId];
}

/** Remembers the token issued to `userId` at onboarding. */
export function saveToken(userId, token) {
  const tokens = JSON.parse(localStorage.getItem(TOKENS) ?? '{}');
  tokens[userId] = token;
  localStorage.setItem(TOKENS, JSON.stringify(tokens));
}

/** The user this browser is acting as: `{ id, name }` or null. */
export function currentUser() {
  return JSON.parse(localStorage.getItem(CURRENT) ?? 'null');
}

/** Switches the current user. */
export function setCurrentUser(user) {
  localStorage.setItem(CURRENT, JSON.stringify({ id: user.id, name: user.name }));
}
