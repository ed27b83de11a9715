import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, call } from '../../api/client';
import { keys } from '../../api/keys';
import { navigate } from '../../app/router';
import { Field } from '../../ui/Field';
import { ProblemMessage } from '../../ui/ProblemMessage';

const splitList = (text: string) => text.split(',').map((part) => part.trim()).filter(Boolean);

export function NewVendorPage() {
  const [legalName, setLegalName] = useState('');
  const [country, setCountry] = useState('');
  const [website, setWebsite] = useState('');
  const [tags, setTags] = useState('');
  const queries = useQueryClient();
  const create = useMutation({
    mutationFn: () =>
      call(api.POST('/api/v1/vendors', { body: { legalName, country, ...(website.trim() ? { website: website.trim() } : {}), ...(tags.trim() ? { tags: splitList(tags) } : {}) } })),
    onSuccess: (vendor) => {
      void queries.invalidateQueries({ queryKey: keys.vendors });
      navigate(`/vendors/${vendor.id}`);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <section className="narrow">
      <h1>Register a vendor</h1>
      <form onSubmit={submit} className="stack">
        <Field label="Legal name" name="legalName" value={legalName} onChange={setLegalName} required error={create.error} />
        <Field label="Country" name="country" value={country} onChange={setCountry} required error={create.error} hint="Two-letter ISO code, such as GB or DE" maxLength={2} autoComplete="country" />
        <Field label="Website (optional)" name="website" type="url" value={website} onChange={setWebsite} error={create.error} />
        <Field label="Tags (optional)" name="tags" value={tags} onChange={setTags} error={create.error} hint="Comma-separated, such as lending, chatbot" />
        <ProblemMessage error={create.error} title="The vendor was not registered" shownBeside={['legalName', 'country', 'website', 'tags']} />
        <button type="submit" className="primary" disabled={create.isPending}>
          Register vendor
        </button>
      </form>
    </section>
  );
}
