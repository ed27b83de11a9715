import { useEffect, type ReactNode } from 'react';
import { ProblemMessage } from '../ui/ProblemMessage';
import { navigate } from './router';
import { useMe } from './session';

/** Pages for signed-in users: without a session the browser goes to sign in, and comes back. */
export function RequireSession({ children }: { children: ReactNode }) {
  const me = useMe();
  const signedOut = me.data === null;
  useEffect(() => {
    if (signedOut) navigate(`/sign-in?next=${encodeURIComponent(window.location.pathname)}`, { replace: true });
  }, [signedOut]);
  if (me.isPending) return <p role="status">Loading…</p>;
  if (me.error) return <ProblemMessage error={me.error} />;
  if (!me.data) return null;
  return <>{children}</>;
}
