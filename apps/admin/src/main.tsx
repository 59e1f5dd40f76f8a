import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';

/** Placeholder until the admin issue: shows whether the gateway answers. */
function App() {
  const [status, setStatus] = useState<'checking' | 'up' | 'down'>('checking');
  useEffect(() => {
    fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) })
      .then((r) => setStatus(r.ok ? 'up' : 'down'))
      .catch(() => setStatus('down'));
  }, []);
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 640, margin: '4rem auto', color: '#1f2933' }}>
      <h1>Tandem admin</h1>
      <p>The coach and programme-admin workspace is on its way.</p>
      <p>
        Gateway: <strong>{status === 'checking' ? 'checking…' : status === 'up' ? 'answering' : 'not answering'}</strong>
      </p>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
