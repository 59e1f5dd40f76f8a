/**
 * Where a person was going when the app sent them to sign in (a link from an email, a bookmark): kept in
 * this tab's sessionStorage, so it survives the sign-in page, a detour to registration or "forgot password",
 * and a reload, and is taken once after signing in. Only the app's own paths are kept (never another site).
 */
const KEY = 'tandem.web.returnTo';
const PUBLIC = ['/sign-in', '/register', '/forgot-password', '/reset-password', '/email-change', '/invitation'];

/** An app path (`/…`, not `//host`) that is worth coming back to. */
export function isReturnPath(path: string | null | undefined): path is string {
  if (!path || !path.startsWith('/') || path.startsWith('//') || path.includes('\\')) return false;
  const pathname = path.split(/[?#]/)[0];
  return !PUBLIC.includes(pathname);
}

export function rememberReturnPath(path: string): void {
  if (!isReturnPath(path)) return;
  try {
    window.sessionStorage.setItem(KEY, path);
  } catch {
    // storage refused (private mode): the router state still carries it
  }
}

/** The remembered path (`fallback` when there is none); read during render, so it does not forget it. */
export function peekReturnPath(fallback: string): string {
  try {
    const path = window.sessionStorage.getItem(KEY);
    return isReturnPath(path) ? path : fallback;
  } catch {
    return fallback;
  }
}

/** Forgets the remembered path once it has been used. */
export function forgetReturnPath(): void {
  try {
    window.sessionStorage.removeItem(KEY);
  } catch {
    // nothing was kept
  }
}
