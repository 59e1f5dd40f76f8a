import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { AuthProvider, useAuth } from '@tandem/ui';
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
import { NotFoundPage } from './pages/not-found-page';
import '@tandem/ui/tokens.css';
import './styles.css';

function AppRoutes() {
  const { session } = useAuth();
  const location = useLocation();
  if (!session) {
    return (
      <Routes>
        <Route path="/sign-in" element={<SignInPage />} />
        <Route path="/register" element={<RegisterPage />} />
        <Route
          path="*"
          element={<Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />}
        />
      </Routes>
    );
  }
  const from = (location.state as { from?: string } | null)?.from;
  const back = from && !['/sign-in', '/register'].includes(from) ? from : '/';
  return (
    <Routes>
      <Route path="/sign-in" element={<Navigate to={back} replace />} />
      <Route path="/register" element={<Navigate to="/profile" replace />} />
      <Route element={<Shell />}>
        <Route index element={<HomePage />} />
        <Route path="/programmes" element={<ProgrammesPage />} />
        <Route path="/profile" element={<ProfilePage />} />
        <Route path="/mentors" element={<SearchPage />} />
        <Route path="/mentors/:id" element={<MentorPage />} />
        <Route path="/requests" element={<RequestsPage />} />
        <Route path="/relationships/:id" element={<RelationshipPage />} />
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
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </AuthProvider>
    </LocaleProvider>
  </StrictMode>,
);

// installable and with an offline page; only the built app (the dev server reloads itself)
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => void navigator.serviceWorker.register('/sw.js').catch(() => undefined));
}
