/**
 * Links from notifications and emails name an item on a screen with a fragment (`/requests#request-…`,
 * `/relationships/…#meeting-…`). The item appears only once its data has loaded, so this waits for it (up to
 * a few seconds), scrolls it into view and moves the keyboard and screen-reader focus to it.
 */
import { useEffect } from 'react';
import { useLocation } from 'react-router';

export function useFocusTarget(): void {
  const { hash, pathname } = useLocation();
  useEffect(() => {
    const id = decodeURIComponent(hash.slice(1));
    if (!id) return;
    let tries = 0;
    const timer = window.setInterval(() => {
      const target = document.getElementById(id);
      tries += 1;
      if (!target && tries < 50) return;
      window.clearInterval(timer);
      if (!target) return;
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.classList.add('targeted');
      target.scrollIntoView({ block: 'start' });
      target.focus({ preventScroll: true });
    }, 100);
    return () => window.clearInterval(timer);
  }, [hash, pathname]);
}
