/**
 * "Exit this page" (GOV.UK Design System): leave for a neutral site at once, leaving as little
 * behind as a web page can. The public pages register what they keep (the self-referral's
 * answers) so that leaving forgets it; everything in this tab's sessionStorage goes too.
 */

/** Where the button goes: a neutral, everyday page (the Design System's own example). */
export const EXIT_URL = 'https://www.bbc.co.uk/weather';

const forgetters = new Set<() => void>();

/** Registers something to forget when the person leaves with "Exit this page". */
export function forgetOnExit(forget: () => void): () => void {
  forgetters.add(forget);
  return () => forgetters.delete(forget);
}

let exited = false;

// Back to this app from the neutral site, with the page restored from the browser's memory as it
// was when the person left: load it afresh instead, so nothing from before shows.
if (typeof window !== 'undefined') {
  window.addEventListener('pageshow', (event) => {
    if (event.persisted && exited) window.location.reload();
  });
}

/** Forgets what the public pages keep and goes to the neutral site, replacing this page in the history. */
export function exitThisPage(): void {
  exited = true;
  for (const forget of forgetters) {
    try {
      forget();
    } catch {
      // Leaving matters more than tidying up.
    }
  }
  try {
    // Only the public pages keep anything in sessionStorage (a shared computer: never localStorage).
    sessionStorage.clear();
  } catch {
    // Storage may be switched off.
  }
  // `replace`, not `assign`: Back from the neutral site does not come back to this page.
  window.location.replace(EXIT_URL);
}
