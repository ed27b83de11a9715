import { useId, type InputHTMLAttributes, type ReactNode } from 'react';
import { fieldMessages, FieldProblem } from './ProblemMessage';

interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> {
  label: string;
  /** The API's name for the field, so a refusal's words appear under it. */
  name: string;
  value: string;
  onChange: (value: string) => void;
  error?: unknown;
  hint?: ReactNode;
}

/** A labelled native input with its hint and the API's words about it. */
export function Field({ label, name, value, onChange, error, hint, ...input }: FieldProps) {
  const id = useId();
  const invalid = fieldMessages(error, name).length > 0;
  const described = [hint ? `${id}-hint` : '', invalid ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      <input id={id} name={name} value={value} onChange={(event) => onChange(event.target.value)} aria-invalid={invalid || undefined} aria-describedby={described} {...input} />
      <FieldProblem id={`${id}-error`} error={error} field={name} />
    </div>
  );
}

interface SelectProps {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  options: readonly (readonly [string, string])[];
  error?: unknown;
  /** A first, empty choice ("Any"), for filters. */
  empty?: string;
}

/** A labelled native select of [value, words] pairs. */
export function SelectField({ label, name, value, onChange, options, error, empty }: SelectProps) {
  const id = useId();
  const invalid = fieldMessages(error, name).length > 0;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} value={value} onChange={(event) => onChange(event.target.value)} aria-invalid={invalid || undefined} aria-describedby={invalid ? `${id}-error` : undefined}>
        {empty !== undefined && <option value="">{empty}</option>}
        {options.map(([option, words]) => (
          <option key={option} value={option}>
            {words}
          </option>
        ))}
      </select>
      <FieldProblem id={`${id}-error`} error={error} field={name} />
    </div>
  );
}
