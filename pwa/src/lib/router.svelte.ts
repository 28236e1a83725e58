/**
 * A small History-API router: the server serves index.html for every app route, so paths are
 * real paths (no hash). Links are plain <a href>; App.svelte intercepts clicks on them.
 */

class Location {
  path = $state(normalise(window.location.pathname));
  query = $state.raw(new URLSearchParams(window.location.search));
  /** Increases on every client-side navigation; 0 means the page as first loaded. */
  navigations = $state(0);
}

export const here = new Location();

function normalise(path: string): string {
  if (path.length > 1 && path.endsWith('/')) return path.replace(/\/+$/, '') || '/';
  return path;
}

function sync(): void {
  here.path = normalise(window.location.pathname);
  here.query = new URLSearchParams(window.location.search);
  here.navigations += 1;
}

window.addEventListener('popstate', sync);

export interface NavigateOptions {
  replace?: boolean;
}

/** Goes to an app path (same origin), e.g. "/sign-in?next=%2F". */
export function navigate(to: string, { replace = false }: NavigateOptions = {}): void {
  const url = new URL(to, window.location.href);
  if (url.origin !== window.location.origin) {
    window.location.assign(url.href);
    return;
  }
  const target = url.pathname + url.search + url.hash;
  const current = window.location.pathname + window.location.search + window.location.hash;
  if (replace || target === current) window.history.replaceState(null, '', target);
  else window.history.pushState(null, '', target);
  sync();
}

/** Paths the server answers itself: links to them load normally, never through the router. */
export const SERVER_PATHS = [
  '/graphql',
  '/healthz',
  '/readyz',
  '/metrics',
  '/calendar/',
  '/reports/',
  '/privacy/',
  // Single sign-on's redirects to and from the organisation's sign-in page.
  '/auth/',
];

export function isServerPath(path: string): boolean {
  return SERVER_PATHS.some((p) => path === p.replace(/\/$/, '') || path.startsWith(p.endsWith('/') ? p : `${p}/`));
}

/** Handles a click on a same-origin app link without a page load. Returns true if it did. */
export function handleLinkClick(event: MouseEvent): boolean {
  if (event.defaultPrevented || event.button !== 0) return false;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return false;
  const anchor = (event.target as Element | null)?.closest?.('a');
  if (!anchor || !anchor.hasAttribute('href')) return false;
  if (anchor.target && anchor.target !== '_self') return false;
  if (anchor.hasAttribute('download') || anchor.getAttribute('rel')?.includes('external')) return false;
  const href = anchor.getAttribute('href') ?? '';
  if (href.startsWith('#')) return false;
  const url = new URL(anchor.href, window.location.href);
  if (url.origin !== window.location.origin || isServerPath(url.pathname)) return false;
  event.preventDefault();
  navigate(url.pathname + url.search + url.hash);
  return true;
}

/** A safe place to return to after signing in: an app path on this site, never elsewhere. */
export function safeNext(raw: string | null): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return '/';
  const url = new URL(raw, window.location.origin);
  if (url.origin !== window.location.origin || isSignInPath(url.pathname) || isServerPath(url.pathname)) return '/';
  return url.pathname + url.search;
}

/** The sign-in page and the steps after the password: never somewhere to come back to. */
export function isSignInPath(path: string): boolean {
  return path === '/sign-in' || path.startsWith('/sign-in/');
}

/** An app path with the place to go on to afterwards (`?next=`), if there is one worth keeping. */
export function withNext(path: string, next: string | null | undefined): string {
  const to = safeNext(next ?? null);
  return to === '/' ? path : `${path}${path.includes('?') ? '&' : '?'}next=${encodeURIComponent(to)}`;
}
