/** The shell: navigation for the signed-in person's roles, who is signed in, sign-out. */
import { NavLink, Navigate, Outlet, useLocation } from 'react-router';
import { hasAnyRole, useAuth } from '@tandem/ui';
import { NAV, STAFF_ROLES, navLabel, type StaffRole } from './nav';
import { LanguageSwitch, useT } from './i18n/locale';
import { SavedLanguage } from '@tandem/ui';
import { useUnreadCount } from './unread-count';

export function Layout() {
  const { store, session } = useAuth();
  const t = useT();
  const unread = useUnreadCount();
  if (!session) return null;
  const items = NAV.filter((n) => hasAnyRole(session, n.roles));
  return (
    <div className="shell">
      <a className="skip" href="#main">
        {t('nav.skip')}
      </a>
      <header className="topbar">
        <span className="brand">{t('nav.brand')}</span>
        <span className="who">
          {t('nav.signedInAs')} <strong>{session.user.displayName}</strong>{' '}
          <span className="muted">
            (
            {(session.user.roles ?? [])
              .filter((r): r is StaffRole => (STAFF_ROLES as readonly string[]).includes(r))
              .map((r) => t(`role.${r}`))
              .join(', ')}
            )
          </span>
        </span>
        <NavLink to="/account/password" className="button">
          {t('nav.changePassword')}
        </NavLink>
        <NavLink to="/account/security" className="button">
          {t('nav.security')}
        </NavLink>
        <NavLink to="/account/emails" className="button">
          {t('nav.emails')}
        </NavLink>
        <LanguageSwitch />
        <SavedLanguage follow />
        <button type="button" onClick={() => void store.logout()}>
          {t('nav.signOut')}
        </button>
      </header>
      <div className="body">
        <nav className="sidenav" aria-label={t('nav.main')}>
          <ul>
            {items.map((n) => (
              <li key={n.path}>
                <NavLink to={n.path}>
                  {t(navLabel(n, session.user.roles ?? []))}
                  {n.path === '/notifications' && unread > 0 && (
                    // the figure is drawn from data-count (so the entry's text stays its name); its words are the label
                    <span
                      className="nav-count"
                      data-count={unread > 99 ? '99+' : unread}
                      role="img"
                      aria-label={t('nav.unread', { count: unread })}
                    />
                  )}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </div>
  );
}

/** Renders its page only for the given roles; others see a plain refusal. */
export function RequireRole({ roles, children }: { roles: readonly StaffRole[]; children: React.ReactNode }) {
  const { session } = useAuth();
  const t = useT();
  if (!hasAnyRole(session, roles)) {
    return (
      <section>
        <h1>{t('nav.notAvailable')}</h1>
        <p className="state state-error" role="alert">
          {t('nav.notAvailableLead')}
        </p>
      </section>
    );
  }
  return <>{children}</>;
}

/** The first page the person may see. */
export function Home() {
  const { session } = useAuth();
  const t = useT();
  const first = NAV.find((n) => hasAnyRole(session, n.roles));
  if (!first) {
    return (
      <section>
        <h1>{t('nav.welcome')}</h1>
        <p className="state state-info">{t('nav.noRole')}</p>
      </section>
    );
  }
  return <Navigate to={first.path} replace />;
}

/** Remembers where a signed-out person was going. */
export function useFrom(): string {
  const location = useLocation();
  return (location.state as { from?: string } | null)?.from ?? '/';
}
