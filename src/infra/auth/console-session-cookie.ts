import { createHash, timingSafeEqual } from 'crypto';

/** The console's session cookie (httpOnly: the page's scripts never see the token). */
export const SESSION_COOKIE = 'rd_session';
/** Every write made with a session cookie carries the session's CSRF token in this header. */
export const CSRF_HEADER = 'x-csrf-token';

/**
 * The session's CSRF token, derived from the session token: the page learns it at sign-in (and from
 * GET /v1/console/session), a page of another site can neither read the cookie nor that answer, so it
 * cannot forge the header. Nothing more to store.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHash('sha256').update(`csrf:${sessionToken}`).digest('base64url');
}

/** Constant time, whatever the header holds. */
export function csrfTokenMatches(sessionToken: string, header: string | undefined): boolean {
  if (header === undefined) return false;
  const expected = createHash('sha256').update(csrfTokenFor(sessionToken)).digest();
  const given = createHash('sha256').update(header).digest();
  return timingSafeEqual(expected, given);
}

/** The session token from a Cookie header, or null. */
export function sessionTokenOf(cookieHeader: string | string[] | undefined): string | null {
  if (typeof cookieHeader !== 'string') return null;
  for (const part of cookieHeader.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return /^[A-Za-z0-9_-]{20,200}$/.test(value.join('=')) ? value.join('=') : null;
  }
  return null;
}

/** Set-Cookie for a new session, or (maxAgeS 0) for clearing it. `Secure` when the request came over https. */
export function sessionCookie(token: string, maxAgeS: number, secure: boolean): string {
  return [`${SESSION_COOKIE}=${token}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${maxAgeS}`, ...(secure ? ['Secure'] : [])].join('; ');
}
