import type { ReactNode } from 'react';
import { InvitePage } from '../features/invitation/InvitePage';
import { SignInPage } from '../features/auth/SignInPage';
import { Layout } from './Layout';
import { NotAllowed } from './NotAllowed';
import { match, usePath } from './router';
import { RequireSession } from './RequireSession';
import { ROUTES } from './routes';
import { useMe } from './session';

function Page({ path }: { path: string }) {
  if (path === '/invite') return <InvitePage />;
  if (path === '/sign-in') return <SignInPage />;
  for (const route of ROUTES) {
    const params = match(route.path, path);
    if (params) return <RequireSession>{<Guarded roles={route.roles}>{route.page(params)}</Guarded>}</RequireSession>;
  }
  return (
    <>
      <h1>Page not found</h1>
      <p>There is no page at this address. Check the link, or go to your home page.</p>
    </>
  );
}

/** Renders the page only for its roles, so another role's address never fetches its data. */
function Guarded({ roles, children }: { roles: readonly string[]; children: ReactNode }) {
  const me = useMe();
  if (!me.data || !roles.includes(me.data.role)) return <NotAllowed />;
  return <>{children}</>;
}

export function App() {
  const path = usePath();
  return (
    <Layout>
      <Page path={path} />
    </Layout>
  );
}
