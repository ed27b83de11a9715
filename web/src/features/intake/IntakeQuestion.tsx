import { useId } from 'react';
import type { Schemas } from '../../api/client';
import { fieldMessages, FieldProblem } from '../../ui/ProblemMessage';

type Question = Schemas['IntakeQuestionResponse'];

const BOOLEAN_OPTIONS = [
  { value: 'true', label: 'Yes' },
  { value: 'false', label: 'No' },
];

/** One intake question as native controls: radios for choices and yes/no, a text area for text. */
export function IntakeQuestion({ question, value, onChange, error }: { question: Question; value: unknown; onChange: (value: unknown) => void; error: unknown }) {
  const id = useId();
  const field = `answers.${question.id}`;
  const invalid = fieldMessages(error, field).length > 0;
  const described = [question.help ? `${id}-help` : '', invalid ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const label = `${question.text}${question.required ? '' : ' (optional)'}`;
  if (question.type === 'text') {
    return (
      <div className="question field">
        <label htmlFor={id}>{label}</label>
        {question.help && <p id={`${id}-help`} className="hint">{question.help}</p>}
        <textarea id={id} rows={3} value={typeof value === 'string' ? value : ''} onChange={(event) => onChange(event.target.value || undefined)} aria-describedby={described} aria-invalid={invalid || undefined} />
        <FieldProblem id={`${id}-error`} error={error} field={field} />
      </div>
    );
  }
  const options = question.type === 'boolean' ? BOOLEAN_OPTIONS : (question.options ?? []);
  const current = value === undefined ? '' : String(value);
  const pick = (raw: string) => onChange(question.type === 'boolean' ? raw === 'true' : raw);
  return (
    <fieldset className="question options" aria-describedby={described} aria-invalid={invalid || undefined}>
      <legend className="question-text">{label}</legend>
      {question.help && <p id={`${id}-help`} className="hint">{question.help}</p>}
      {options.map((option) => (
        <label key={option.value} className="option">
          <input type="radio" name={`${id}-${question.id}`} value={option.value} checked={current === option.value} onChange={() => pick(option.value)} />
          <span>{option.label}</span>
        </label>
      ))}
      <FieldProblem id={`${id}-error`} error={error} field={field} />
    </fieldset>
  );
}
