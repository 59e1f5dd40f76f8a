import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { AuthProvider, LiveProvider, useAuth, useFocusTarget } from '@tandem/ui';
import { LocaleProvider } from './i18n/locale';
import { sessionMessages } from './session-messages';
import { Shell } from './shell';
import { SignInPage } from './pages/sign-in-page';
import { RegisterPage } from './pages/register-page';
import { HomePage } from './pages/home-page';
import { ProgrammesPage } from './pages/programmes-page';
import { ProfilePage } from './pages/profile-page';
import { SearchPage } from './pages/search-page';
import { MentorPage } from './pages/mentor-page';
import { RequestsPage } from './pages/requests-page';
import { RelationshipPage } from './pages/relationship-page';
import { GoalPage } from './pages/relationship/goal-page';
import { LearningPage } from './pages/learning-page';
import { InvitationPage } from './pages/invitation-page';
import { NotFoundPage } from './pages/not-found-page';
import { ForgotPasswordPage } from './pages/forgot-password-page';
import { ResetPasswordPage } from './pages/reset-password-page';
import { EmailChangePage } from './pages/email-change-page';
import { MePage } from './pages/me-page';
import { EvidencePage } from './pages/evidence-page';
import { VerifyLetterPage } from './pages/verify-letter-page';
import { forgetReturnPath, isReturnPath, peekReturnPath, rememberReturnPath } from './return-path';
import '@tandem/ui/tokens.css';
import './styles.css';

/** Pages that work signed in or not: the links of account emails (a reset, a change of sign-in email), a letter's verification page. */
const ACCOUNT_LINK_ROUTES = (
  <>
    <Route path="/reset-password" element={<ResetPasswordPage />} />
    <Route path="/email-change" element={<EmailChangePage />} />
    <Route path="/invitation" element={<InvitationPage />} />
    <Route path="/verify/:reference" element={<VerifyLetterPage />} />
  </>
);

/**
 * Signed out, every app path goes through the sign-in and comes back to where it was going (not after the
 * person signed out or deleted their account: the next person to sign in here starts at home).
 */
function ToSignIn() {
  const location = useLocation();
  const { endedBecause } = useAuth();
  const from = location.pathname + location.search + location.hash;
  const deliberate = endedBecause === 'signed-out' || endedBecause === 'erased';
  if (!deliberate) rememberReturnPath(from);
  else forgetReturnPath();
  return <Navigate to="/sign-in" replace state={{ from }} />;
}

/** Signed in, the sign-in page sends on to where the person was going (else home). */
function AfterSignIn() {
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  const remembered = peekReturnPath('/');
  useEffect(forgetReturnPath, []);
  return <Navigate to={isReturnPath(from) ? from : remembered} replace />;
}

/**
 * Just registered (registration signs in): on to where an invitation link was taking them (a programme to join),
 * else to the profile, the first thing a new participant fills in.
 */
function AfterRegistering() {
  const remembered = peekReturnPath('/profile');
  useEffect(forgetReturnPath, []);
  return <Navigate to={remembered} replace />;
}

function AppRoutes() {
  const { session } = useAuth();
  useFocusTarget(useLocation());
  if (!session) {
    return (
      <Routes>
        <Route path="/sign-in" element={<SignInPage />} />
        <Route path="/register" element={<RegisterPage />} />
        <Route path="/forgot-password" element={<ForgotPasswordPage />} />
        {ACCOUNT_LINK_ROUTES}
        <Route path="*" element={<ToSignIn />} />
      </Routes>
    );
  }
  return (
    <Routes>
      <Route path="/sign-in" element={<AfterSignIn />} />
      <Route path="/register" element={<AfterRegistering />} />
      <Route path="/forgot-password" element={<Navigate to="/me#security" replace />} />
      {ACCOUNT_LINK_ROUTES}
      <Route element={<Shell />}>
        <Route index element={<HomePage />} />
        <Route path="/programmes" element={<ProgrammesPage />} />
        <Route path="/profile" element={<ProfilePage />} />
        <Route path="/mentors" element={<SearchPage />} />
        <Route path="/mentors/:id" element={<MentorPage />} />
        <Route path="/requests" element={<RequestsPage />} />
        <Route path="/relationships/:id" element={<RelationshipPage />} />
        <Route path="/relationships/:id/goals/:goalId" element={<GoalPage />} />
        <Route path="/relationships/:id/learning" element={<LearningPage />} />
        <Route path="/evidence" element={<EvidencePage />} />
        <Route path="/me" element={<MePage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <LocaleProvider>
      <AuthProvider
        options={{ storage: window.localStorage, storageKey: 'tandem.web.session', messages: sessionMessages }}
      >
        <LiveProvider>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </LiveProvider>
      </AuthProvider>
    </LocaleProvider>
  </StrictMode>,
);

// installable and with an offline page; only the built app (the dev server reloads itself)
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => void navigator.serviceWorker.register('/sw.js').catch(() => undefined));
}
