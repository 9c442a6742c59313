/** The console talks to the API like any client: same origin, the session cookie, and the CSRF token on writes. */

export interface FieldProblem {
  field: string;
  message: string;
}

/** A problem+json answer, kept whole so a form can show `errors` next to their fields. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly errors: FieldProblem[],
  ) {
    super(detail);
  }

  /** The message for one form field, if the API named it. */
  forField(field: string): string | undefined {
    return this.errors.find((problem) => problem.field === field || problem.field.startsWith(`${field}.`) || problem.field.startsWith(`${field}[`))?.message;
  }
}

let csrfToken: string | null = null;
export const setCsrfToken = (token: string | null) => (csrfToken = token);

export function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  return send<T>(method, path, body === undefined ? undefined : JSON.stringify(body), body === undefined ? {} : { 'Content-Type': 'application/json' });
}

/** A multipart upload (files): the browser writes the Content-Type with its boundary. */
export function apiUpload<T>(path: string, form: FormData): Promise<T> {
  return send<T>('POST', path, form, {});
}

async function send<T>(method: string, path: string, body: string | FormData | undefined, contentType: Record<string, string>): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...contentType };
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const response = await fetch(path, { method, headers, credentials: 'same-origin', body });
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const parsed = text ? JSON.parse(text) : undefined;
  if (!response.ok) throw new ApiProblem(response.status, parsed?.detail ?? response.statusText, Array.isArray(parsed?.errors) ? parsed.errors : []);
  return parsed as T;
}

export interface SessionInfo {
  user: { id: string; username: string; displayName: string; role: 'admin' | 'dispatcher' | 'viewer' };
  county: { id: string; name: string; adminCode: string; timeZone: string };
  csrfToken: string;
  map: { tileUrl: string | null; tileAttribution: string | null };
}
