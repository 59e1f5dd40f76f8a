import { StrictMode, Suspense, lazy, type ComponentType, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { AuthProvider, LiveProvider, Loading, UiLabelsProvider, useAuth, useFocusTarget } from '@tandem/ui';
import { LocaleProvider, sessionMessages, useT } from './i18n/locale';
import { Home, Layout, RequireRole } from './layout';
import { NAV } from './nav';
import { ApplicationsPage } from './pages/applications-page';
import { CaseloadPage } from './pages/caseload-page';
import { RelationshipsPage } from './pages/relationships-page';
import { MatchingPage } from './pages/matching-page';
import { OrientationPage } from './pages/orientation-page';
import { LearningPage } from './pages/learning-page';
import { AuditsPage } from './pages/audits-page';
import { OrganisationsPage } from './pages/organisations-page';
import { UsersPage } from './pages/users-page';
import { AuditLogPage } from './pages/audit-log-page';
import { WebhooksPage } from './pages/webhooks-page';
import { ApiKeysPage } from './pages/api-keys-page';
import { SignInPage } from './pages/sign-in-page';
import { OrganisationSignInCallbackPage, OrganisationSignInPage } from './pages/organisation-sign-in';
import { ForgotPasswordPage } from './pages/forgot-password-page';
import { ResetPasswordPage } from './pages/reset-password-page';
import { EmailChangePage } from './pages/email-change-page';
import { InvitationPage } from './pages/invitation-page';
import { InvitationsPage } from './pages/invitations-page';
import { ChangePasswordPage } from './pages/change-password-page';
import { SecurityPage } from './pages/security-page';
import { NotificationEmailsPage } from './pages/notification-emails-page';
import { NotificationsPage } from './pages/notifications-page';
import '@tandem/ui/tokens.css';
import './styles.css';

// the charts library is most of the bundle: load it only with the overview
const OverviewPage = lazy(() => import('./pages/overview-page').then((m) => ({ default: m.OverviewPage })));

/** The page of each navigation entry (entries whose API has not landed yet show a plain notice). */
const PAGES: Record<string, ComponentType | undefined> = {
  '/caseload': CaseloadPage,
  '/applications': ApplicationsPage,
  '/relationships': RelationshipsPage,
  '/matching': MatchingPage,
  '/orientation': OrientationPage,
  '/learning': LearningPage,
  '/overview': OverviewPage,
  '/audits': AuditsPage,
  '/organisations': OrganisationsPage,
  '/users': UsersPage,
  '/invitations': InvitationsPage,
  '/audit-log': AuditLogPage,
  '/webhooks': WebhooksPage,
  '/api-keys': ApiKeysPage,
  '/notifications': NotificationsPage,
};

function NotBuilt({ title }: { title: string }) {
  const t = useT();
  return (
    <section>
      <h1>{title}</h1>
      <p className="state state-info">{t('nav.notBuilt')}</p>
    </section>
  );
}

function AppRoutes() {
  const { session } = useAuth();
  const location = useLocation();
  const t = useT();
  useFocusTarget(location);
  if (!session) {
    return (
      <Routes>
        <Route path="/sign-in" element={<SignInPage />} />
        <Route path="/sign-in/organisation" element={<OrganisationSignInCallbackPage />} />
        <Route path="/sign-in/with-organisation" element={<OrganisationSignInPage />} />
        <Route path="/forgot-password" element={<ForgotPasswordPage />} />
        <Route path="/reset-password" element={<ResetPasswordPage />} />
        <Route path="/email-change" element={<EmailChangePage />} />
        <Route path="/invitation" element={<InvitationPage />} />
        <Route
          path="*"
          element={
            <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search + location.hash }} />
          }
        />
      </Routes>
    );
  }
  const from = (location.state as { from?: string } | null)?.from;
  return (
    <Routes>
      <Route path="/sign-in" element={<Navigate to={from && from !== '/sign-in' ? from : '/'} replace />} />
      <Route path="/sign-in/organisation" element={<Navigate to="/" replace />} />
      <Route path="/sign-in/with-organisation" element={<Navigate to="/" replace />} />
      <Route path="/forgot-password" element={<Navigate to="/account/password" replace />} />
      {/* a reset link opened in a signed-in tab still works (and ends this tab's session with the others) */}
      <Route path="/reset-password" element={<ResetPasswordPage />} />
      <Route path="/email-change" element={<EmailChangePage />} />
      <Route path="/invitation" element={<InvitationPage />} />
      <Route element={<Layout />}>
        <Route index element={<Home />} />
        <Route path="/account/password" element={<ChangePasswordPage />} />
        <Route path="/account/security" element={<SecurityPage />} />
        <Route path="/account/emails" element={<NotificationEmailsPage />} />
        {NAV.map((n) => {
          const Page = PAGES[n.path];
          return (
            <Route
              key={n.path}
              path={`${n.path}/*`}
              element={
                <RequireRole roles={n.roles}>
                  <Suspense fallback={<Loading />}>{Page ? <Page /> : <NotBuilt title={t(n.label)} />}</Suspense>
                </RequireRole>
              }
            />
          );
        })}
        <Route
          path="*"
          element={
            <section>
              <h1>{t('nav.notFound')}</h1>
              <p className="state state-empty">{t('nav.notFoundLead')}</p>
            </section>
          }
        />
      </Route>
    </Routes>
  );
}

/** The shared states, pager and password fields in the language in use. */
function Labels({ children }: { children: ReactNode }) {
  const t = useT();
  return (
    <UiLabelsProvider
      value={{
        loading: t('state.loading'),
        waiting: t('state.waiting'),
        retry: t('state.retry'),
        unreachable: t('state.unreachable'),
        pager: {
          pages: t('pager.pages'),
          previous: t('pager.previous'),
          next: t('pager.next'),
          page: (n) => t('pager.page', { n }),
        },
        password: {
          password: t('password.new'),
          confirmation: t('password.confirm'),
          hint: t('password.hint'),
          typeAgain: t('password.typeAgain'),
          mismatch: t('password.mismatch'),
        },
      }}
    >
      {children}
    </UiLabelsProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <LocaleProvider>
      <Labels>
        <AuthProvider options={{ messages: sessionMessages }}>
          <LiveProvider>
            <BrowserRouter>
              <AppRoutes />
            </BrowserRouter>
          </LiveProvider>
        </AuthProvider>
      </Labels>
    </LocaleProvider>
  </StrictMode>,
);
