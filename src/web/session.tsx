import { type ReactNode, createContext, useCallback, useContext, useEffect, useState } from 'react';
import { type AnswerOf, client, ok, setCsrfToken } from './api.ts';

export type SessionUser = AnswerOf<'/api/session'>['user'];

interface SessionState {
  user: SessionUser | null;
  loading: boolean;
  signIn: (username: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
  hasRole: (...roles: string[]) => boolean;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    ok(client.GET('/api/session'))
      .then((s) => {
        setCsrfToken(s.csrfToken);
        setUser(s.user);
      })
      .catch(() => setUser(null))
      .finally(() => setLoading(false));
  }, []);

  const signIn = useCallback(async (username: string, password: string) => {
    const s = await ok(client.POST('/api/session', { body: { username, password } }));
    setCsrfToken(s.csrfToken);
    setUser(s.user);
  }, []);

  const signOut = useCallback(async () => {
    await ok(client.DELETE('/api/session')).catch(() => undefined);
    setCsrfToken(null);
    setUser(null);
  }, []);

  const hasRole = useCallback((...roles: string[]) => !!user?.roles.some((r) => roles.includes(r)), [user]);

  return (
    <SessionContext.Provider value={{ user, loading, signIn, signOut, hasRole }}>
      {children}
    </SessionContext.Provider>
  );
}

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}
