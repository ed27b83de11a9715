import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, call, type Schemas } from '../../api/client';
import { keys } from '../../api/keys';
import { Field, SelectField } from '../../ui/Field';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { pairs, ROLE_WORDS } from '../../ui/words';

type StaffRole = Exclude<Schemas['Role'], 'vendor'>;
const STAFF_ROLES = pairs(ROLE_WORDS).filter(([role]) => role !== 'vendor');

/** A staff account with a first password; vendor users come through invitations. */
export function CreateUser() {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<StaffRole>('procurement');
  const [password, setPassword] = useState('');
  const [created, setCreated] = useState<string>();
  const queries = useQueryClient();
  const create = useMutation({
    mutationFn: () => call(api.POST('/api/v1/users', { body: { name, email, role, ...(password ? { password } : {}) } })),
    onSuccess: (user) => {
      setCreated(`${user.name} (${user.email}) can now sign in as ${ROLE_WORDS[user.role]}.`);
      setName('');
      setEmail('');
      setPassword('');
      void queries.invalidateQueries({ queryKey: keys.users });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setCreated(undefined);
    create.mutate();
  };
  return (
    <section className="panel" aria-labelledby="create-user">
      <h2 id="create-user">Create a user</h2>
      <form onSubmit={submit} className="stack narrow">
        <Field label="Name" name="name" value={name} onChange={setName} required error={create.error} autoComplete="off" />
        <Field label="E-mail" name="email" type="email" value={email} onChange={setEmail} required error={create.error} autoComplete="off" />
        <SelectField label="Role" name="role" value={role} onChange={(v) => setRole(v as StaffRole)} options={STAFF_ROLES} error={create.error} />
        <Field label="First password" name="password" type="password" value={password} onChange={setPassword} error={create.error} autoComplete="new-password" hint="At least 12 characters; pass it on in person" />
        <ProblemMessage error={create.error} title="The user was not created" shownBeside={['name', 'email', 'role', 'password']} />
        <button type="submit" className="primary" disabled={create.isPending}>
          Create user
        </button>
        {created && (
          <p role="status" className="notice">
            {created}
          </p>
        )}
      </form>
    </section>
  );
}
