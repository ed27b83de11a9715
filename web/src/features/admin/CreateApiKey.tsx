import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, call, type Schemas } from '../../api/client';
import { keys } from '../../api/keys';
import { Field } from '../../ui/Field';
import { ProblemMessage } from '../../ui/ProblemMessage';

/** Creates a key; its secret is shown here once and kept nowhere in the browser. */
export function CreateApiKey() {
  const [name, setName] = useState('');
  const [days, setDays] = useState('90');
  const [created, setCreated] = useState<Schemas['CreatedApiKeyResponse']>();
  const queries = useQueryClient();
  const create = useMutation({
    mutationFn: () => call(api.POST('/api/v1/api-keys', { body: { name, expiresInDays: days === '' ? 90 : Number(days) } })),
    onSuccess: (key) => {
      setCreated(key);
      setName('');
      void queries.invalidateQueries({ queryKey: keys.apiKeys });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setCreated(undefined);
    create.mutate();
  };
  return (
    <section className="panel" aria-labelledby="create-key">
      <h2 id="create-key">Create an API key</h2>
      <form onSubmit={submit} className="stack narrow">
        <Field label="Key name" name="name" value={name} onChange={setName} required error={create.error} hint="What uses it, such as GRC sync" />
        <Field label="Expires in days" name="expiresInDays" type="number" min={1} max={730} value={days} onChange={setDays} error={create.error} />
        <ProblemMessage error={create.error} title="The key was not created" shownBeside={['name', 'expiresInDays']} />
        <button type="submit" className="primary" disabled={create.isPending}>
          Create key
        </button>
      </form>
      {created && (
        <div className="secret" role="status">
          <p>
            <strong>Copy the key now: it is shown only once.</strong>
          </p>
          <label htmlFor="new-key-secret">New key {created.name}</label>
          <input id="new-key-secret" readOnly value={created.token} onFocus={(event) => event.target.select()} />
          <button type="button" onClick={() => setCreated(undefined)}>
            I have copied it
          </button>
        </div>
      )}
    </section>
  );
}
