import { ApiProblem } from '../api/client';

/** An API refusal in words: the problem's detail, and its field errors when it lists them. */
export function ProblemMessage({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  const problem = error instanceof ApiProblem ? error.problem : undefined;
  const detail = problem?.detail ?? (error instanceof Error ? error.message : 'Something went wrong.');
  return (
    <div className="problem" role="alert">
      {title && <p className="problem-title">{title}</p>}
      <p>{detail}</p>
      {problem?.errors && problem.errors.length > 0 && (
        <ul>
          {problem.errors.map((fieldError) => (
            <li key={`${fieldError.field}:${fieldError.message}`}>{fieldError.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
