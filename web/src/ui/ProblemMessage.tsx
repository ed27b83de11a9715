import { ApiProblem } from '../api/client';

/** The messages a problem+json names for one field (`legalName`, `answers.exposure`, `conditions.0.text`). */
export function fieldMessages(error: unknown, field: string): string[] {
  if (!(error instanceof ApiProblem)) return [];
  return (error.problem.errors ?? []).filter((e) => e.field === field || e.field.startsWith(`${field}.`)).map((e) => e.message);
}

/** A refusal's words next to the field it names; give the input `aria-describedby={id}`. */
export function FieldProblem({ id, error, field }: { id: string; error: unknown; field: string }) {
  const messages = fieldMessages(error, field);
  if (messages.length === 0) return null;
  return (
    <p id={id} className="field-error">
      {messages.join(' ')}
    </p>
  );
}

/**
 * An API refusal in words: the problem's detail, and its field errors when it lists them.
 * `shownBeside` names the fields whose messages already stand next to their inputs.
 */
export function ProblemMessage({ error, title, shownBeside = [] }: { error: unknown; title?: string; shownBeside?: string[] }) {
  if (!error) return null;
  const problem = error instanceof ApiProblem ? error.problem : undefined;
  const detail = problem?.detail ?? (error instanceof Error ? error.message : 'Something went wrong.');
  const rest = (problem?.errors ?? []).filter((e) => !shownBeside.some((field) => e.field === field || e.field.startsWith(`${field}.`)));
  return (
    <div className="problem" role="alert">
      {title && <p className="problem-title">{title}</p>}
      <p>{detail}</p>
      {rest.length > 0 && (
        <ul>
          {rest.map((fieldError) => (
            <li key={`${fieldError.field}:${fieldError.message}`}>{fieldError.message}</li>
          ))}
        </ul>
      )}
      {rest.length === 0 && problem?.errors && problem.errors.length > 0 && <p>The fields above say what to change.</p>}
    </div>
  );
}
