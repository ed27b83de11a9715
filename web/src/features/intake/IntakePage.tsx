import { useMutation, useQuery } from '@tanstack/react-query';
import { useDeferredValue, useState, type FormEvent } from 'react';
import { api, call, type Schemas } from '../../api/client';
import { keys } from '../../api/keys';
import { Link } from '../../app/router';
import { Field } from '../../ui/Field';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { IntakeQuestion } from './IntakeQuestion';
import { LiveTier } from './LiveTier';
import { SendAssessment } from './SendAssessment';

type Answers = Record<string, unknown>;

/** The intake built from `GET /intakes/form`, with the tier worked out live by `POST /intakes/preview`. */
export function IntakePage({ aiSystemId }: { aiSystemId: string }) {
  const system = useQuery({ queryKey: keys.aiSystem(aiSystemId), queryFn: () => call(api.GET('/api/v1/ai-systems/{id}', { params: { path: { id: aiSystemId } } })) });
  const form = useQuery({ queryKey: keys.intakeForm, queryFn: () => call(api.GET('/api/v1/intakes/form')), staleTime: Infinity });
  const [filed, setFiled] = useState<Schemas['IntakeResponse']>();
  if (system.error || form.error) return <ProblemMessage error={system.error ?? form.error} />;
  if (!system.data || !form.data) return <p role="status">Loading…</p>;
  return (
    <section>
      <p>
        <Link to={`/vendors/${system.data.vendorId}`}>Back to the vendor</Link>
      </p>
      <h1>Intake for {system.data.name}</h1>
      {filed ? <SendAssessment intake={filed} vendorId={system.data.vendorId} /> : <IntakeForm aiSystemId={aiSystemId} form={form.data} onFiled={setFiled} />}
    </section>
  );
}

function IntakeForm({ aiSystemId, form, onFiled }: { aiSystemId: string; form: Schemas['IntakeFormResponse']; onFiled: (intake: Schemas['IntakeResponse']) => void }) {
  const [useCase, setUseCase] = useState('');
  const [businessOwner, setBusinessOwner] = useState('');
  const [answers, setAnswers] = useState<Answers>({});
  const asked = useDeferredValue(answers);
  const preview = useQuery({
    queryKey: keys.intakePreview(asked),
    queryFn: () => call(api.POST('/api/v1/intakes/preview', { body: { answers: asked } })),
    placeholderData: (previous) => previous,
    retry: false,
  });
  const file = useMutation({
    mutationFn: () => call(api.POST('/api/v1/intakes', { body: { aiSystemId, useCase, ...(businessOwner.trim() ? { businessOwner } : {}), answers } })),
    onSuccess: onFiled,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    file.mutate();
  };
  const error = file.error ?? preview.error;
  return (
    <div className="with-aside">
      <form onSubmit={submit} className="stack" aria-label={form.title}>
        <Field label="Use case" name="useCase" value={useCase} onChange={setUseCase} required error={file.error} hint="What the organisation will use the system for, in a sentence" />
        <Field label="Business owner (optional)" name="businessOwner" value={businessOwner} onChange={setBusinessOwner} error={file.error} />
        {form.questions.map((question) => (
          <IntakeQuestion key={question.id} question={question} value={answers[question.id]} error={error} onChange={(value) => setAnswers((now) => ({ ...now, [question.id]: value }))} />
        ))}
        <ProblemMessage error={file.error} title="The intake was not filed" shownBeside={['useCase', 'businessOwner', 'answers']} />
        <button type="submit" className="primary" disabled={file.isPending}>
          File the intake
        </button>
      </form>
      <LiveTier preview={preview.data} updating={preview.isFetching} />
    </div>
  );
}
