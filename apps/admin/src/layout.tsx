/** The shell: navigation for the signed-in person's roles, who is signed in, sign-out. */
import { NavLink, Navigate, Outlet, useLocation } from 'react-router';
import { hasAnyRole, useAuth } from '@tandem/ui';
import { NAV, STAFF_ROLES, navLabel, type StaffRole } from './nav';

export function Layout() {
  const { store, session } = useAuth();
  if (!session) return null;
  const items = NAV.filter((n) => hasAnyRole(session, n.roles));
  return (
    <div className="shell">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Tandem admin</span>
        <span className="who">
          Signed in as <strong>{session.user.displayName}</strong>{' '}
          <span className="muted">
            (
            {(session.user.roles ?? [])
              .filter((r) => (STAFF_ROLES as readonly string[]).includes(r))
              .join(', ')
              .toLowerCase()
              .replace(/_/g, ' ')}
            )
          </span>
        </span>
        <NavLink to="/account/password" className="button">
          Change password
        </NavLink>
        <NavLink to="/account/security" className="button">
          Security
        </NavLink>
        <NavLink to="/account/emails" className="button">
          Emails
        </NavLink>
        <button type="button" onClick={() => void store.logout()}>
          Sign out
        </button>
      </header>
      <div className="body">
        <nav className="sidenav" aria-label="Main">
          <ul>
            {items.map((n) => (
              <li key={n.path}>
                <NavLink to={n.path}>{navLabel(n, session.user.roles ?? [])}</NavLink>
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
  if (!hasAnyRole(session, roles)) {
    return (
      <section>
        <h1>Not available</h1>
        <p className="state state-error" role="alert">
          This page is not available to your role.
        </p>
      </section>
    );
  }
  return <>{children}</>;
}

/** The first page the person may see. */
export function Home() {
  const { session } = useAuth();
  const first = NAV.find((n) => hasAnyRole(session, n.roles));
  if (!first) {
    return (
      <section>
        <h1>Welcome</h1>
        <p className="state state-info">
          This workspace is for coaches, programme admins, analysts and admins. Your account has none of these roles.
        </p>
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
