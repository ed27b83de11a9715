import { formatDay } from '../../ui/format';
import { DecisionForm } from './DecisionForm';
import { FourEyesPanel } from './FourEyesPanel';
import { type Decision, type Finding, type TaggedAssessment } from './queries';

const DECIDED: Record<Decision['outcome'], string> = { approved: 'Approved', approved_with_conditions: 'Approved with conditions', rejected: 'Rejected' };

interface Props {
  tagged: TaggedAssessment;
  decision: Decision | null;
  findings: Finding[];
  me: { id: string; name: string };
  /** False for an auditor, who reads the decision but takes no part in it. */
  acts: boolean;
}

/** The decision as it stands: final, waiting for four eyes, or still to make. */
export function DecisionPanel({ tagged, decision, findings, me, acts }: Props) {
  const status = tagged.assessment.status;
  return (
    <section aria-labelledby="decision-heading" className="panel">
      <h2 id="decision-heading">Decision</h2>
      {decision?.status === 'final' && (
        <>
          <p>
            <strong>{DECIDED[decision.outcome]}</strong> by {decision.decidedByName}
            {decision.confirmedByName && `, confirmed by ${decision.confirmedByName}`}
            {decision.validUntil && `; valid until ${formatDay(decision.validUntil)}`}.
          </p>
          <blockquote>{decision.rationale}</blockquote>
          {decision.confirmationRationale && <blockquote>{decision.confirmationRationale}</blockquote>}
          {decision.conditions.length > 0 && (
            <ul aria-label="Conditions">
              {decision.conditions.map((c) => (
                <li key={c.id}>
                  {c.text}, due {formatDay(c.dueDate)} ({c.status.replace('_', ' ')})
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {decision?.status === 'pending_confirmation' && <FourEyesPanel decision={decision} tagged={tagged} meId={me.id} acts={acts} />}
      {decision?.status !== 'final' && decision?.status !== 'pending_confirmation' && acts && status === 'in_review' && <DecisionForm tagged={tagged} decision={decision} findings={findings} me={me} />}
      {!decision && status !== 'in_review' && <p>A decision is made once the review has started.</p>}
    </section>
  );
}
