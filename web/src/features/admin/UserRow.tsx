import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call, type Schemas } from '../../api/client';
import { keys } from '../../api/keys';
import { useMe } from '../../app/session';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { pairs, ROLE_WORDS } from '../../ui/words';

type User = Schemas['UserResponse'];
const STAFF_ROLES = pairs(ROLE_WORDS).filter(([role]) => role !== 'vendor');

export function UserRow({ user }: { user: User }) {
  const me = useMe();
  const [role, setRole] = useState(user.role);
  const queries = useQueryClient();
  const update = useMutation({
    mutationFn: (body: Schemas['UpdateUserRequest']) => call(api.PATCH('/api/v1/users/{id}', { params: { path: { id: user.id } }, body })),
    onSuccess: () => queries.invalidateQueries({ queryKey: keys.users }),
  });
  const self = me.data?.id === user.id;
  return (
    <tr>
      <th scope="row">{user.name}</th>
      <td>{user.email}</td>
      <td>
        {user.role === 'vendor' ? (
          ROLE_WORDS.vendor
        ) : (
          <form
            className="inline"
            onSubmit={(event) => {
              event.preventDefault();
              update.mutate({ role });
            }}
          >
            <label className="visually-hidden" htmlFor={`role-${user.id}`}>
              Role of {user.name}
            </label>
            <select id={`role-${user.id}`} value={role} onChange={(event) => setRole(event.target.value as User['role'])} disabled={self}>
              {STAFF_ROLES.map(([value, words]) => (
                <option key={value} value={value}>
                  {words}
                </option>
              ))}
            </select>
            <button type="submit" disabled={self || role === user.role || update.isPending} aria-label={`Change role of ${user.name}`}>
              Change role
            </button>
          </form>
        )}
      </td>
      <td>{user.disabled ? 'Deactivated' : 'Active'}</td>
      <td>
        {!self && (
          <button type="button" onClick={() => update.mutate({ disabled: !user.disabled })} disabled={update.isPending} aria-label={`${user.disabled ? 'Reactivate' : 'Deactivate'} ${user.name}`}>
            {user.disabled ? 'Reactivate' : 'Deactivate'}
          </button>
        )}
        <ProblemMessage error={update.error} />
      </td>
    </tr>
  );
}
