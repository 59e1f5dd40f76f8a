/**
 * Links from notifications and emails name an item on a screen with a fragment (`/requests#request-…` in the
 * participant app, `/relationships/…#pulse` in the admin app). The item appears only once its data has loaded, so
 * this watches the page
 * for it (up to 30 s, on a slow connection too), scrolls it into view and moves the keyboard and
 * screen-reader focus to it. It gives up as soon as the person starts using the page themselves, so focus is
 * never taken from under them.
 */
import { useEffect } from 'react';

const GIVE_UP_MS = 30_000;

/** Both apps call it once with their router's location (`useLocation()`): a new hash or page looks again. */
export function useFocusTarget({ hash, pathname }: { hash: string; pathname: string }): void {
  useEffect(() => {
    const id = decodeURIComponent(hash.slice(1));
    if (!id) return;
    let done = false;
    const focus = () => {
      const target = document.getElementById(id);
      if (!target) return false;
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.classList.add('targeted');
      target.scrollIntoView({ block: 'start' });
      target.focus({ preventScroll: true });
      return true;
    };
    const observer = new MutationObserver(() => {
      if (!done && focus()) stop();
    });
    const stop = () => {
      done = true;
      observer.disconnect();
      window.clearTimeout(timer);
      window.removeEventListener('keydown', stop, true);
      window.removeEventListener('pointerdown', stop, true);
    };
    const timer = window.setTimeout(stop, GIVE_UP_MS);
    if (focus()) {
      stop();
      return;
    }
    observer.observe(document.body, { childList: true, subtree: true });
    window.addEventListener('keydown', stop, true);
    window.addEventListener('pointerdown', stop, true);
    return stop;
  }, [hash, pathname]);
}
