/** React access to the session store, and the urql client that signs every request with it. */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Client, cacheExchange, fetchExchange, Provider } from 'urql';
import { trustedDocumentsExchange } from './persisted';
import { SessionStore, type Session, type SessionStoreOptions } from './session';

interface AuthValue {
  store: SessionStore;
  session: Session | null;
  /** Why the last session ended ('expired' after a failed refresh). */
  endedBecause: string | null;
}

const AuthContext = createContext<AuthValue | null>(null);

/** fetch for urql: a fresh access token on every request; one refresh and retry on 401, else sign-out. */
export function authFetch(store: SessionStore): typeof fetch {
  return async (input, init) => {
    const send = async (token: string | null) => {
      const headers = new Headers(init?.headers);
      if (token) headers.set('authorization', `Bearer ${token}`);
      return fetch(input, { ...init, headers });
    };
    const res = await send(await store.accessToken());
    if (res.status !== 401 || !store.current) return res;
    const refreshed = await store.refresh();
    return refreshed ? send(refreshed.accessToken) : res;
  };
}

/** The GraphQL client of one signed-in person: every request through the gateway with a fresh token. */
export function createAuthClient(store: SessionStore): Client {
  return new Client({
    url: '/graphql',
    // documents by their build-time hash (trusted documents, see persisted.ts)
    exchanges: [cacheExchange, trustedDocumentsExchange, fetchExchange],
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    fetch: authFetch(store),
  });
}

export function AuthProvider({ children, options }: { children: ReactNode; options?: SessionStoreOptions }) {
  const [store] = useState(() => new SessionStore(options));
  const [session, setSession] = useState<Session | null>(store.current);
  const [endedBecause, setEndedBecause] = useState<string | null>(null);
  // a new client per signed-in person: nothing cached leaks from one person to the next
  const client = useMemo(() => createAuthClient(store), [store, session?.user.id]);
  useEffect(
    () =>
      store.subscribe((s, reason) => {
        setSession(s);
        setEndedBecause(s ? null : (reason ?? null));
      }),
    [store],
  );
  // a session restored from sessionStorage with an expired token refreshes at once
  useEffect(() => {
    if (store.current) void store.accessToken();
  }, [store]);
  return (
    <AuthContext.Provider value={{ store, session, endedBecause }}>
      <Provider value={client}>{children}</Provider>
    </AuthContext.Provider>
  );
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}
