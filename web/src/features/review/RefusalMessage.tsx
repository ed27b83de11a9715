import { ApiProblem } from '../../api/client';
import { ProblemMessage } from '../../ui/ProblemMessage';

interface Named {
  id: string;
  title: string;
  severity?: string;
}

const WHAT_TO_DO: Record<string, string> = {
  untriaged_findings: 'Triage these draft findings first: confirm or dismiss each one.',
  blocking_findings: 'These findings block the decision: cover each with a condition, accept the risk, or choose another outcome.',
  prohibited_practice: 'A prohibited practice can only be rejected.',
  four_eyes: 'A second, different risk manager must do this.',
  decision_mismatch: 'Confirm with the outcome that was proposed, or disagree.',
};

/** A refused decision in words, with the findings and questions it names as links to them on the page. */
export function RefusalMessage({ error }: { error: unknown }) {
  if (!(error instanceof ApiProblem) || !(error.code in WHAT_TO_DO)) return <ProblemMessage error={error} />;
  const extra = error.problem as unknown as { findings?: Named[]; questionIds?: string[]; ruleIds?: string[] };
  return (
    <div className="problem" role="alert">
      <p className="problem-title">{WHAT_TO_DO[error.code]}</p>
      <p>{error.problem.detail}</p>
      {extra.findings && extra.findings.length > 0 && (
        <ul aria-label="Findings named">
          {extra.findings.map((f) => (
            <li key={f.id}>
              <a href={`#finding-${f.id}`}>{f.title}</a>
              {f.severity && ` (${f.severity})`}
            </li>
          ))}
        </ul>
      )}
      {extra.questionIds && extra.questionIds.length > 0 && (
        <ul aria-label="Questions named">
          {extra.questionIds.map((q) => (
            <li key={q}>
              <a href={`#question-${q}`}>{q}</a>
            </li>
          ))}
        </ul>
      )}
      {extra.ruleIds && extra.ruleIds.length > 0 && <p>Intake rules: {extra.ruleIds.join(', ')}</p>}
    </div>
  );
}
