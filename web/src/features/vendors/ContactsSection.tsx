import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, call } from '../../api/client';
import { keys } from '../../api/keys';
import { BUYERS, mayDo } from '../../app/roles';
import { useMe } from '../../app/session';
import { Field } from '../../ui/Field';
import { ProblemMessage } from '../../ui/ProblemMessage';

export function ContactsSection({ vendorId }: { vendorId: string }) {
  const me = useMe();
  const contacts = useQuery({ queryKey: keys.contacts(vendorId), queryFn: () => call(api.GET('/api/v1/vendors/{id}/contacts', { params: { path: { id: vendorId } } })) });
  return (
    <section className="panel" aria-labelledby="contacts-heading">
      <h2 id="contacts-heading">Contacts</h2>
      <ProblemMessage error={contacts.error} />
      {contacts.data?.items.length === 0 && <p className="hint">No contact yet: the questionnaire goes to a contact.</p>}
      <ul className="cards">
        {contacts.data?.items.map((contact) => (
          <li key={contact.id}>
            <strong>{contact.name}</strong>
            <span>{contact.email}</span>
            {contact.role && <span>{contact.role}</span>}
          </li>
        ))}
      </ul>
      {mayDo(me.data?.role, BUYERS) && <AddContactForm vendorId={vendorId} />}
    </section>
  );
}

function AddContactForm({ vendorId }: { vendorId: string }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState('');
  const queries = useQueryClient();
  const add = useMutation({
    mutationFn: () => call(api.POST('/api/v1/vendors/{id}/contacts', { params: { path: { id: vendorId } }, body: { name, email, ...(role.trim() ? { role } : {}) } })),
    onSuccess: () => {
      setName('');
      setEmail('');
      setRole('');
      void queries.invalidateQueries({ queryKey: keys.contacts(vendorId) });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate();
  };
  return (
    <details className="add">
      <summary>Add a contact</summary>
      <form onSubmit={submit} className="stack" aria-label="Add a contact">
        <Field label="Contact name" name="name" value={name} onChange={setName} required error={add.error} autoComplete="off" />
        <Field label="Contact e-mail" name="email" type="email" value={email} onChange={setEmail} required error={add.error} autoComplete="off" />
        <Field label="Contact role (optional)" name="role" value={role} onChange={setRole} error={add.error} hint="Such as Head of Compliance" />
        <ProblemMessage error={add.error} title="The contact was not added" shownBeside={['name', 'email', 'role']} />
        <button type="submit" disabled={add.isPending}>
          Add contact
        </button>
      </form>
    </details>
  );
}
