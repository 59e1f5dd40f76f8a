/** The signed-in frame: skip link, brand, language switch, sign-out, and the navigation for the person's roles. */
import { useEffect } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { useQuery } from 'urql';
import { hasAnyRole, useAuth, useLiveRefresh } from '@tandem/ui';
import { graphql } from '@tandem/ui/graphql';
import { LanguageSwitch } from './language-switch';
import { StaffElsewhere } from './staff-elsewhere';
import { SavedLanguage } from './saved-language';
import { useT } from './i18n/locale';
import type { MessageId } from './i18n/en';

const NAV: ReadonlyArray<{ to: string; label: MessageId; roles?: readonly string[] }> = [
  { to: '/', label: 'nav.home' },
  { to: '/mentors', label: 'nav.findMentor', roles: ['MENTEE'] },
  { to: '/requests', label: 'nav.requests' },
  { to: '/evidence', label: 'nav.evidence' },
  { to: '/programmes', label: 'nav.programmes' },
  { to: '/profile', label: 'nav.profile' },
  { to: '/me', label: 'nav.me' },
];

/** How many notifications are unread, for the count next to "Me" (asked again on every page change and new notification). */
const UnreadQuery = graphql(`
  query WebUnread {
    me {
      id
      notifications(first: 1, unreadOnly: true) {
        unreadCount
      }
    }
  }
`);

export function Shell() {
  const { store, session } = useAuth();
  const t = useT();
  const { pathname } = useLocation();
  const [unread, refetchUnread] = useQuery({ query: UnreadQuery, pause: !session });
  useEffect(() => refetchUnread({ requestPolicy: 'network-only' }), [pathname, refetchUnread]);
  useLiveRefresh(
    (s) => s.kind === 'NOTIFICATION',
    () => session && refetchUnread({ requestPolicy: 'network-only' }),
  );
  const unreadCount = unread.data?.me.notifications?.unreadCount ?? 0;
  if (!session) return null;
  const participant = hasAnyRole(session, ['MENTEE', 'MENTOR']);
  return (
    <div className="app">
      <a className="skip" href="#main">
        {t('nav.skip')}
      </a>
      <header className="appbar">
        <span className="brand">
          <img src="/icons/icon.svg" alt="" width="28" height="28" /> Tandem
        </span>
        <LanguageSwitch />
        <SavedLanguage />
        <button type="button" className="appbar-button" onClick={() => void store.logout()}>
          {t('nav.signOut')}
        </button>
      </header>
      {participant && (
        <nav className="tabs-nav" aria-label={t('nav.label')}>
          <ul>
            {NAV.filter((n) => !n.roles || hasAnyRole(session, n.roles)).map((n) => (
              <li key={n.to}>
                <NavLink to={n.to} end={n.to === '/'}>
                  {t(n.label)}
                  {n.to === '/me' && unreadCount > 0 && (
                    <span className="nav-count">
                      <span aria-hidden="true">{unreadCount}</span>
                      <span className="visually-hidden">, {t('nav.unread', { count: unreadCount })}</span>
                    </span>
                  )}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <main id="main" tabIndex={-1}>
        {participant ? (
          <Outlet />
        ) : (
          <section>
            <h1>{t('staff.title')}</h1>
            <StaffElsewhere />
          </section>
        )}
      </main>
    </div>
  );
}
