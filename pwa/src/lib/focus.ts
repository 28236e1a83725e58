import { tick } from 'svelte';

/**
 * After a page swaps its content (loaded, or not found): if focus fell to the body because the
 * element holding it went away, put it back on the page's heading so screen readers go on from
 * the top of the new content.
 */
export async function refocusHeading(): Promise<void> {
  await tick();
  const active = document.activeElement;
  if (active && active !== document.body) return;
  focusElement(document.querySelector<HTMLElement>('#main-content h1'));
}

/** Focuses an element that is not focusable by itself (a heading, a banner), without scrolling past it. */
export function focusElement(el: HTMLElement | null): void {
  if (!el) return;
  if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
  el.focus();
}

/** After an action on a page: focus the success banner App.svelte shows above the heading. */
export async function focusNotice(): Promise<void> {
  await tick();
  const banner = document.querySelector<HTMLElement>('#main-content .notification-banner');
  if (!banner) return;
  window.scrollTo(0, 0);
  focusElement(banner);
}
