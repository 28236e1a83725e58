import { registerSW } from 'virtual:pwa-register';
import { navigate } from './router.svelte';

class Update {
  /** A new version of the app is installed and waiting. */
  waiting = $state(false);
}

export const update = new Update();

let activate: ((reload?: boolean) => Promise<void>) | null = null;

/**
 * Registers the service worker (after the page has loaded, so it does not compete with the
 * first render) and listens for a waiting update. The worker never takes over mid-task: the
 * user chooses when to reload.
 */
export function startServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  activate = registerSW({
    onNeedRefresh() {
      update.waiting = true;
    },
    onRegisterError(error: unknown) {
      console.warn('Service worker registration failed', error);
    },
  });
  // The worker asks the page to open a link when someone taps a notification.
  navigator.serviceWorker.addEventListener('message', (event: MessageEvent) => {
    const data = event.data as { type?: string; url?: string } | null;
    if (data?.type === 'NAVIGATE' && typeof data.url === 'string') navigate(data.url);
  });
}

export function applyUpdate(): void {
  void activate?.(true);
}
