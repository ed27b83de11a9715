import type { ReactNode } from 'react';
import type { Schemas } from '../../api/client';
import { useMe } from '../../app/session';

type Role = Schemas['Role'];

/** Shows the page only to the roles named; anyone else reads that it is not for them, not the data. */
export function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const me = useMe();
  if (!me.data) return null;
  if (!roles.includes(me.data.role)) {
    return (
      <>
        <h1>Not allowed</h1>
        <p>This page is for {roles.map((role) => role.replace('_', ' ')).join(' and ')} users. Your account cannot open it.</p>
      </>
    );
  }
  return <>{children}</>;
}
