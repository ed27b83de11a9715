import { useState, type FormEvent } from 'react';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { SEVERITIES, type Finding } from '../review/queries';

export interface FindingFields {
  title: string;
  description: string;
  severity: Finding['severity'];
  questionIds: string[];
  visibleToVendor: boolean;
  reason: string;
}

interface Props {
  idPrefix: string;
  initial: FindingFields;
  submitLabel: string;
  /** Editing asks for a reason, which the API needs when the severity goes down. */
  withReason?: boolean;
  pending: boolean;
  error: unknown;
  onSubmit: (fields: FindingFields) => void;
}

/** The fields of a finding, for raising one or editing one. */
export function FindingForm({ idPrefix, initial, submitLabel, withReason, pending, error, onSubmit }: Props) {
  const [fields, setFields] = useState(initial);
  const [questions, setQuestions] = useState(initial.questionIds.join(', '));
  const set = <K extends keyof FindingFields>(name: K, value: FindingFields[K]) => setFields({ ...fields, [name]: value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({ ...fields, questionIds: questions.split(/[\s,]+/).filter(Boolean) });
  };
  const id = (name: string) => `${idPrefix}-${name}`;
  return (
    <form className="stack finding-form" onSubmit={submit}>
      <div className="field">
        <label htmlFor={id('title')}>Title</label>
        <input id={id('title')} type="text" required maxLength={300} value={fields.title} onChange={(event) => set('title', event.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={id('description')}>Description</label>
        <textarea id={id('description')} rows={3} value={fields.description} onChange={(event) => set('description', event.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={id('severity')}>Severity</label>
        <select id={id('severity')} value={fields.severity} onChange={(event) => set('severity', event.target.value as Finding['severity'])}>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={id('questions')}>Questions it is about</label>
        <input id={id('questions')} type="text" aria-describedby={id('questions-hint')} value={questions} onChange={(event) => setQuestions(event.target.value)} />
        <span className="hint" id={id('questions-hint')}>
          Question ids separated by commas, such as FAIR-02, FAIR-03
        </span>
      </div>
      <label className="option">
        <input type="checkbox" checked={fields.visibleToVendor} onChange={(event) => set('visibleToVendor', event.target.checked)} />
        The vendor sees it and works on it (a remediation item)
      </label>
      {withReason && (
        <div className="field">
          <label htmlFor={id('reason')}>Reason for the change (needed to lower the severity)</label>
          <textarea id={id('reason')} rows={2} value={fields.reason} onChange={(event) => set('reason', event.target.value)} />
        </div>
      )}
      <ProblemMessage error={error} />
      <div>
        <button type="submit" className="primary" disabled={pending}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
