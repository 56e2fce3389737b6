import { ApolloProvider, useQuery } from '@apollo/client/react';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { createConnection, type Connection } from '../../apollo/client';
import { graphql } from '../../gql';
import type { Session_UserFragment } from '../../gql/graphql';
import { EXPIRES_KEY, stored, TOKEN_KEY } from './stored-token';

export const SessionUser = graphql(`
  fragment Session_user on User {
    id
    name
    email
    role
    unit {
      id
      name
      kind
    }
  }
`);

export const MeQuery = graphql(`
  query Me {
    me {
      ...Session_user
    }
  }
`);

export const LoginMutation = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      token
      expiresAt
      user {
        ...Session_user
      }
    }
  }
`);

export type SignOutReason = 'user' | 'expired';

export interface Session {
  token: string | null;
  user: Session_UserFragment | null;
  /** why the last session ended, shown on the sign-in page */
  ended: SignOutReason | null;
  connection: Connection;
  signIn(token: string, expiresAt: string): void;
  signOut(reason?: SignOutReason): void;
}

const Context = createContext<Session | null>(null);

/**
 * The signed-in person: the token lives in localStorage so that a reload keeps the session; an
 * expired or refused token (HTTP 401, UNAUTHENTICATED, socket closed with 4403) ends it and
 * brings back the sign-in page. Each session gets its own Apollo client and socket.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const initial = useMemo(stored, []);
  const [auth, setAuth] = useState(initial);
  const [ended, setEnded] = useState<SignOutReason | null>(initial.token === null && localStorage.getItem(TOKEN_KEY) ? 'expired' : null);

  // one Apollo client and socket per token; replaced (and the old one closed) on sign-in and out
  const connectionRef = useRef<{ token: string | null; connection: Connection } | null>(null);
  const signOutRef = useRef<(reason?: SignOutReason) => void>(() => undefined);
  const connectionFor = (token: string | null): Connection => {
    if (connectionRef.current?.token !== token) {
      connectionRef.current?.connection.dispose();
      connectionRef.current = { token, connection: createConnection(token, () => signOutRef.current('expired')) };
    }
    return connectionRef.current.connection;
  };

  const signOut = useCallback((reason: SignOutReason = 'user') => {
    try {
      localStorage.removeItem(TOKEN_KEY);
      localStorage.removeItem(EXPIRES_KEY);
    } catch {
      /* nothing stored */
    }
    setEnded(reason);
    setAuth({ token: null, expiresAt: null });
  }, []);
  signOutRef.current = signOut;

  const signIn = useCallback((token: string, expiresAt: string) => {
    try {
      localStorage.setItem(TOKEN_KEY, token);
      localStorage.setItem(EXPIRES_KEY, expiresAt);
    } catch {
      /* private mode: the session lasts for this page */
    }
    setEnded(null);
    setAuth({ token, expiresAt });
  }, []);

  const connection = connectionFor(auth.token);

  // the token's own end: sign out when it expires while the page is open
  useEffect(() => {
    if (!auth.expiresAt) return;
    const ms = Date.parse(auth.expiresAt) - Date.now();
    const timer = setTimeout(() => signOut('expired'), Math.max(0, Math.min(ms, 2 ** 31 - 1)));
    return () => clearTimeout(timer);
  }, [auth.expiresAt, signOut]);

  // another tab signed in or out
  useEffect(() => {
    const onStorage = (e: StorageEvent) => {
      if (e.key === TOKEN_KEY) setAuth(stored());
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);

  return (
    <ApolloProvider client={connection.client}>
      <SessionUserLoader token={auth.token} ended={ended} connection={connection} signIn={signIn} signOut={signOut}>
        {children}
      </SessionUserLoader>
    </ApolloProvider>
  );
}

function SessionUserLoader(props: Omit<Session, 'user'> & { children: ReactNode }) {
  const { token, children, ...rest } = props;
  const { data, loading } = useQuery(MeQuery, { skip: !token, fetchPolicy: 'cache-first' });
  const user = token ? (data?.me ?? null) : null;
  const value = useMemo<Session>(() => ({ token, user, ...rest }), [token, user, rest.ended, rest.connection, rest.signIn, rest.signOut]); // eslint-disable-line react-hooks/exhaustive-deps
  if (token && loading && !data) return <div className="splash" aria-busy="true" />;
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

/** A session given as it is, without signing in: component tests render pages inside it. */
export function SessionFixture({ value, children }: { value: Session; children: ReactNode }) {
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useSession(): Session {
  const ctx = useContext(Context);
  if (!ctx) throw new Error('useSession needs a SessionProvider');
  return ctx;
}

/** The signed-in user (pages behind sign-in only). */
export function useUser(): Session_UserFragment {
  const { user } = useSession();
  if (!user) throw new Error('useUser needs a signed-in user');
  return user;
}
