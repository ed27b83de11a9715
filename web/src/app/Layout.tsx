import type { ReactNode } from 'react';
import { Link } from './router';
import { Nav } from './Nav';
import { ROLE_WORDS } from '../ui/words';
import { useMe, useSignOut } from './session';

export function Layout({ children }: { children: ReactNode }) {
  const me = useMe();
  const signOut = useSignOut();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <Link to="/" className="brand">
          Assay
        </Link>
        {me.data && (
          <div className="account">
            <span>
              {me.data.name}
              {me.data.role !== 'vendor' && <span className="role"> · {ROLE_WORDS[me.data.role]}</span>}
            </span>
            <button type="button" className="link-button" onClick={() => signOut.mutate()}>
              Sign out
            </button>
          </div>
        )}
      </header>
      {me.data && <Nav role={me.data.role} />}
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
