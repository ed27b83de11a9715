import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, call, type Schemas } from '../../api/client';
import { keys } from '../../api/keys';
import { Field, SelectField } from '../../ui/Field';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { HOSTING_WORDS, MODEL_TYPE_WORDS, pairs } from '../../ui/words';

const splitList = (text: string) => text.split(',').map((part) => part.trim()).filter(Boolean);

export function RegisterAiSystem({ vendorId }: { vendorId: string }) {
  const [name, setName] = useState('');
  const [version, setVersion] = useState('');
  const [modelType, setModelType] = useState<Schemas['ModelType']>('predictive');
  const [hosting, setHosting] = useState<Schemas['Hosting']>('vendor_saas');
  const [providers, setProviders] = useState('');
  const [regions, setRegions] = useState('');
  const queries = useQueryClient();
  const register = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/v1/vendors/{id}/ai-systems', {
          params: { path: { id: vendorId } },
          body: { name, version, modelType, hosting, foundationModelProviders: splitList(providers), dataRegions: splitList(regions) },
        }),
      ),
    onSuccess: () => {
      setName('');
      setVersion('');
      setProviders('');
      setRegions('');
      void queries.invalidateQueries({ queryKey: keys.aiSystems(vendorId) });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    register.mutate();
  };
  const error = register.error;
  return (
    <details className="add">
      <summary>Register an AI system</summary>
      <form onSubmit={submit} className="stack" aria-label="Register an AI system">
        <Field label="System name" name="name" value={name} onChange={setName} required error={error} />
        <Field label="Version" name="version" value={version} onChange={setVersion} required error={error} />
        <SelectField label="Model type" name="modelType" value={modelType} onChange={(v) => setModelType(v as Schemas['ModelType'])} options={pairs(MODEL_TYPE_WORDS)} error={error} />
        <SelectField label="Hosting" name="hosting" value={hosting} onChange={(v) => setHosting(v as Schemas['Hosting'])} options={pairs(HOSTING_WORDS)} error={error} />
        <Field label="Foundation-model providers" name="foundationModelProviders" value={providers} onChange={setProviders} error={error} hint="The fourth parties, comma-separated, such as OpenAI, Anthropic" />
        <Field label="Data regions" name="dataRegions" value={regions} onChange={setRegions} error={error} hint="Where the data is processed, comma-separated, such as EU, UK" />
        <ProblemMessage error={error} title="The AI system was not registered" shownBeside={['name', 'version', 'modelType', 'hosting', 'foundationModelProviders', 'dataRegions']} />
        <button type="submit" disabled={register.isPending}>
          Register AI system
        </button>
      </form>
    </details>
  );
}
