import { useId } from 'react';
import type { AnswerValue, Draft, Question } from './model';

interface Props {
  question: Question;
  answer: Draft;
  disabled: boolean;
  describedBy?: string;
  onChange: (value: AnswerValue) => void;
}

const BOOLEAN_OPTIONS = [
  { value: true, label: 'Yes' },
  { value: false, label: 'No' },
];

/** The form control for one question; its accessible name is the question text. */
export function AnswerControl({ question, answer, disabled, describedBy, onChange }: Props) {
  const id = useId();
  const off = disabled || answer.notApplicable === true;
  switch (question.type) {
    case 'boolean':
    case 'single_choice': {
      const options = question.options ?? (question.type === 'boolean' ? BOOLEAN_OPTIONS : []);
      return (
        <fieldset className="options" aria-describedby={describedBy} disabled={off}>
          <legend>{question.text}</legend>
          {options.map((option) => (
            <label key={String(option.value)} className="option">
              <input type="radio" name={id} checked={answer.value === option.value} onChange={() => onChange(option.value)} />
              {option.label}
            </label>
          ))}
        </fieldset>
      );
    }
    case 'multi_choice': {
      const chosen = Array.isArray(answer.value) ? answer.value : [];
      const toggle = (value: string, on: boolean) => onChange(on ? [...chosen, value] : chosen.filter((v) => v !== value));
      return (
        <fieldset className="options" aria-describedby={describedBy} disabled={off}>
          <legend>{question.text}</legend>
          {(question.options ?? []).map((option) => (
            <label key={String(option.value)} className="option">
              <input type="checkbox" checked={chosen.includes(String(option.value))} onChange={(event) => toggle(String(option.value), event.target.checked)} />
              {option.label}
            </label>
          ))}
        </fieldset>
      );
    }
    case 'evidence':
      // The card around it is the fieldset named by the question; the file input is the control.
      return null;
    default:
      return (
        <div className="field">
          <label htmlFor={id} className="question-text">
            {question.text}
          </label>
          <TextLikeInput id={id} question={question} value={answer.value} disabled={off} describedBy={describedBy} onChange={onChange} />
        </div>
      );
  }
}

function TextLikeInput({ id, question, value, disabled, describedBy, onChange }: Omit<Props, 'answer'> & { id: string; value: AnswerValue }) {
  const common = { id, disabled, 'aria-describedby': describedBy, 'aria-required': question.required };
  if (question.type === 'number') {
    return (
      <input
        {...common}
        type="number"
        inputMode="decimal"
        value={typeof value === 'number' ? value : ''}
        onChange={(event) => onChange(event.target.value === '' ? null : Number(event.target.value))}
      />
    );
  }
  if (question.type === 'date') {
    return <input {...common} type="date" value={typeof value === 'string' ? value : ''} onChange={(event) => onChange(event.target.value || null)} />;
  }
  return <textarea {...common} rows={3} value={typeof value === 'string' ? value : ''} onChange={(event) => onChange(event.target.value === '' ? null : event.target.value)} />;
}
