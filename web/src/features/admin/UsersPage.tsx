import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call } from '../../api/client';
import { keys } from '../../api/keys';
import { SelectField } from '../../ui/Field';
import { Pager, useCursorPages } from '../../ui/Pager';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { pairs, ROLE_WORDS } from '../../ui/words';
import { CreateUser } from './CreateUser';
import { UserRow } from './UserRow';

/** Staff and vendor accounts: create, change role, deactivate. */
export function UsersPage() {
  const [role, setRole] = useState('');
  const pages = useCursorPages(role);
  const query = { ...(role ? { role: role as keyof typeof ROLE_WORDS } : {}), cursor: pages.cursor, limit: 50 };
  const list = useQuery({ queryKey: [...keys.users, query], queryFn: () => call(api.GET('/api/v1/users', { params: { query } })), placeholderData: (previous) => previous });
  return (
    <section className="wide">
      <h1>Users</h1>
      <CreateUser />
      <h2>Accounts</h2>
      <form className="filters" role="search" aria-label="Filter users" onSubmit={(event) => event.preventDefault()}>
        <SelectField label="Role" name="role" value={role} onChange={setRole} options={pairs(ROLE_WORDS)} empty="Any role" />
      </form>
      <ProblemMessage error={list.error} />
      {list.isPending && <p role="status">Loading…</p>}
      {list.data && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Users">
          <table>
            <caption className="visually-hidden">Users, page {pages.page}</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">E-mail</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((user) => (
                <UserRow key={user.id} user={user} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager pages={pages} nextCursor={list.data?.nextCursor} />
    </section>
  );
}
