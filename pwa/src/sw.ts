/// <reference lib="webworker" />
// The RJ Hub service worker (vite-plugin-pwa, injectManifest). It caches the app shell and
// static assets only. GraphQL data never goes through its cache: no route below matches
// /graphql, so those requests go straight to the network (data will live in urql graphcache).
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare let self: ServiceWorkerGlobalScope;

// The build's files (hashed names), precached and served cache-first; old versions removed.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Page loads of app routes get index.html from the precache, so the app opens offline.
// Paths the server answers itself are left to the network.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('index.html'), {
    denylist: [
      /^\/graphql(?:[/?]|$)/,
      /^\/healthz(?:[/?]|$)/,
      /^\/readyz(?:[/?]|$)/,
      /^\/metrics(?:[/?]|$)/,
      /^\/calendar\//,
      /^\/reports\//,
      /^\/privacy\//,
      // Single sign-on: the server redirects to the organisation and back, signing the user in.
      /^\/auth\//,
      // A file in the last path segment (e.g. /export.csv) is not an app route.
      /^[^?]*\/[^/?]+\.[^/?]+(?:\?.*)?$/,
    ],
  }),
);

// A new version waits until the user chooses "Update now" (the page sends SKIP_WAITING),
// so nobody loses a half-filled form to a reload.
self.addEventListener('message', (event: ExtendableMessageEvent) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

// The first install takes control of open pages at once (nothing older to conflict with).
clientsClaim();

// ---- Web push -------------------------------------------------------------------------------

interface PushPayload {
  title?: unknown;
  body?: unknown;
  url?: unknown;
}

/** Only links into this app are opened from a notification. */
function appUrl(raw: unknown): string {
  if (typeof raw !== 'string' || raw === '') return '/';
  try {
    const url = new URL(raw, self.location.origin);
    return url.origin === self.location.origin ? url.pathname + url.search + url.hash : '/';
  } catch {
    return '/';
  }
}

self.addEventListener('push', (event: PushEvent) => {
  let payload: PushPayload = {};
  try {
    payload = (event.data?.json() ?? {}) as PushPayload;
  } catch {
    payload = { body: event.data?.text() };
  }
  const title = typeof payload.title === 'string' && payload.title.trim() ? payload.title : 'RJ Hub';
  const body = typeof payload.body === 'string' ? payload.body : '';
  event.waitUntil(
    self.registration.showNotification(title, {
      body,
      lang: 'en-GB',
      icon: '/icons/icon-192.png',
      data: { url: appUrl(payload.url) },
    }),
  );
});

self.addEventListener('notificationclick', (event: NotificationEvent) => {
  event.notification.close();
  const path = appUrl((event.notification.data as { url?: unknown } | null)?.url);
  const href = new URL(path, self.location.origin).href;
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const exact = windows.find((w) => w.url === href);
      if (exact) {
        await exact.focus();
        return;
      }
      // An open RJ Hub window moves to the page itself (client-side, no reload).
      const open = windows.find((w) => new URL(w.url).origin === self.location.origin);
      if (open) {
        const focused = await open.focus();
        focused.postMessage({ type: 'NAVIGATE', url: path });
        return;
      }
      await self.clients.openWindow(href);
    })(),
  );
});
