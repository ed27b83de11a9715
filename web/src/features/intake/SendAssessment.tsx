import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, call, type Schemas } from '../../api/client';
import { keys } from '../../api/keys';
import { Link, navigate } from '../../app/router';
import { Field } from '../../ui/Field';
import { FieldProblem, ProblemMessage } from '../../ui/ProblemMessage';
import { CATEGORY_WORDS, dayFromToday, TIER_WORDS } from '../../ui/words';

/** After the intake: the assessment's due date and recipients, created and sent in one step. */
export function SendAssessment({ intake, vendorId }: { intake: Schemas['IntakeResponse']; vendorId: string }) {
  const contacts = useQuery({ queryKey: keys.contacts(vendorId), queryFn: () => call(api.GET('/api/v1/vendors/{id}/contacts', { params: { path: { id: vendorId } } })) });
  const [dueDate, setDueDate] = useState(dayFromToday(30));
  const [chosen, setChosen] = useState<string[]>([]);
  const queries = useQueryClient();
  const send = useMutation({
    mutationFn: async () => {
      const assessment = await call(api.POST('/api/v1/assessments', { body: { intakeId: intake.id, dueDate, contactIds: chosen, carryForward: true } }));
      await call(api.POST('/api/v1/assessments/{id}/send', { params: { path: { id: assessment.id } } }));
      return assessment;
    },
    onSuccess: (assessment) => {
      void queries.invalidateQueries({ queryKey: keys.assessments });
      navigate(`/assessments/${assessment.id}/status`);
    },
  });
  const toggle = (id: string, on: boolean) => setChosen((now) => (on ? [...now, id] : now.filter((c) => c !== id)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send.mutate();
  };
  return (
    <>
      <p className="notice" role="status">
        Intake filed: inherent tier <strong>{TIER_WORDS[intake.inherentTier]}</strong>, {CATEGORY_WORDS[intake.euAiActCategory]}.
      </p>
      {!intake.canProceed && (
        <p className="problem">
          The intake names a practice that stops the assessment (see the reasons). A risk manager must rule it out before a questionnaire can go to the vendor.
        </p>
      )}
      <h2>Send the questionnaire</h2>
      <form onSubmit={submit} className="stack narrow">
        <Field label="Due date" name="dueDate" type="date" value={dueDate} onChange={setDueDate} required error={send.error} />
        <fieldset className="options" aria-describedby="recipients-error">
          <legend>Send to</legend>
          {contacts.data?.items.length === 0 && (
            <p>
              The vendor has no contact yet. <Link to={`/vendors/${vendorId}`}>Add one on the vendor&apos;s page</Link>.
            </p>
          )}
          {contacts.data?.items.map((contact) => (
            <label key={contact.id} className="option">
              <input type="checkbox" checked={chosen.includes(contact.id)} onChange={(event) => toggle(contact.id, event.target.checked)} />
              <span>
                {contact.name} ({contact.email})
              </span>
            </label>
          ))}
          <FieldProblem id="recipients-error" error={send.error} field="contactIds" />
        </fieldset>
        <ProblemMessage error={send.error} title="The questionnaire was not sent" shownBeside={['dueDate', 'contactIds']} />
        <button type="submit" className="primary" disabled={send.isPending}>
          Create and send the assessment
        </button>
      </form>
    </>
  );
}
