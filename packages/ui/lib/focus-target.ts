/**
 * Links from notifications and emails name an item on a screen with a fragment (`/requests#request-…` in the
 * participant app, `/relationships/…#pulse` in the admin app). The item appears only once its data has loaded, so
 * this watches the page for it (up to 30 s, on a slow connection too), scrolls it into view and moves the keyboard
 * and screen-reader focus to it, then keeps it in view for a few seconds while sections above it finish loading (they
 * would push it off the screen). It gives up as soon as the person starts using the page themselves, so neither
 * focus nor the scroll position is ever taken from under them.
 */
import { useEffect } from 'react';

const GIVE_UP_MS = 30_000;
/** How long the found item is kept in view while the rest of the page loads around it. */
const SETTLE_MS = 3_000;
const USER_EVENTS = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;

/** Both apps call it once with their router's location (`useLocation()`): a new hash or page looks again. */
export function useFocusTarget({ hash, pathname }: { hash: string; pathname: string }): void {
  useEffect(() => {
    const id = decodeURIComponent(hash.slice(1));
    if (!id) return;
    let done = false;
    let focused = false;
    let settle: number | undefined;
    // found: scrolled to and focused once; then kept in view while what loads above it pushes it down (SETTLE_MS)
    const focus = () => {
      const target = document.getElementById(id);
      if (!target) return false;
      target.scrollIntoView({ block: 'start' });
      if (!focused) {
        if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
        target.classList.add('targeted');
        target.focus({ preventScroll: true });
        focused = true;
        settle = window.setTimeout(stop, SETTLE_MS);
      }
      return true;
    };
    const observer = new MutationObserver(() => {
      if (!done) focus();
    });
    const stop = () => {
      done = true;
      observer.disconnect();
      window.clearTimeout(timer);
      window.clearTimeout(settle);
      for (const kind of USER_EVENTS) window.removeEventListener(kind, stop, true);
    };
    const timer = window.setTimeout(stop, GIVE_UP_MS);
    focus();
    observer.observe(document.body, { childList: true, subtree: true });
    // the person takes over: their keys, pointer, wheel or touch end it at once
    for (const kind of USER_EVENTS) window.addEventListener(kind, stop, true);
    return stop;
  }, [hash, pathname]);
}
