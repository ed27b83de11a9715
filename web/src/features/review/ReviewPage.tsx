import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call } from '../../api/client';
import { keys } from '../../api/keys';
import { Link } from '../../app/router';
import { useMe } from '../../app/session';
import { formatDay } from '../../ui/format';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { FindingsPanel } from '../findings/FindingsPanel';
import { ReportBuilder } from '../reports/ReportBuilder';
import { AnswersPanel } from './AnswersPanel';
import { ClarificationForm } from './ClarificationForm';
import { DecisionPanel } from './DecisionPanel';
import { useDecision, useFindings, useScore, useTaggedAssessment } from './queries';
import { ScorePanel } from './ScorePanel';
import { STAFF_STATUS } from './words';

const BEFORE_SUBMISSION = ['draft', 'sent', 'in_progress'];

/** The review workspace of one assessment: score, answers beside evidence, findings, clarification, decision, report. */
export function ReviewPage({ id }: { id: string }) {
  const me = useMe();
  const tagged = useTaggedAssessment(id);
  const score = useScore(id);
  const findings = useFindings(id);
  const decision = useDecision(id);
  const questions = useQuery({ queryKey: keys.questions(id), queryFn: () => call(api.GET('/api/v1/assessments/{id}/questions', { params: { path: { id } } })) });
  const evidence = useQuery({ queryKey: keys.evidence(id), queryFn: () => call(api.GET('/api/v1/assessments/{id}/evidence', { params: { path: { id } } })) });
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  const error = tagged.error ?? score.error ?? findings.error ?? decision.error ?? questions.error ?? evidence.error;
  if (error) return <ProblemMessage error={error} title="This assessment cannot be shown" />;
  if (!me.data || !tagged.data || !score.data || !findings.data || decision.data === undefined || !questions.data || !evidence.data) return <p role="status">Loading the assessment…</p>;
  const { assessment } = tagged.data;
  // Auditors read the same page; only a risk manager acts on it.
  const acts = me.data.role === 'risk_manager';
  const inReview = acts && assessment.status === 'in_review';
  const tick = (questionId: string, on: boolean) => {
    const next = new Set(ticked);
    if (on) next.add(questionId);
    else next.delete(questionId);
    setTicked(next);
  };
  return (
    <div className="review-workspace">
      {acts && (
        <p>
          <Link to="/review">Back to the review queue</Link>
        </p>
      )}
      <h1>
        Review: {assessment.aiSystemName} by {assessment.vendorName}
      </h1>
      <p className="lede">
        {STAFF_STATUS[assessment.status]} · {assessment.inherentTier} tier · cycle {assessment.cycle} · due {formatDay(assessment.dueDate)}
      </p>
      {acts && assessment.status === 'submitted' && <StartReview id={id} />}
      <ScorePanel score={score.data} />
      <FindingsPanel assessmentId={id} findings={findings.data.items} canEdit={inReview} />
      <AnswersPanel questions={questions.data.items} evidence={evidence.data.items} ticked={inReview ? ticked : null} onTick={tick} />
      {inReview && <ClarificationForm assessmentId={id} ticked={[...ticked]} onSent={() => setTicked(new Set())} />}
      <DecisionPanel tagged={tagged.data} decision={decision.data} findings={findings.data.items} me={me.data} acts={acts} />
      {!BEFORE_SUBMISSION.includes(assessment.status) && <ReportBuilder assessmentId={id} />}
    </div>
  );
}

function StartReview({ id }: { id: string }) {
  const queries = useQueryClient();
  const start = useMutation({
    mutationFn: () => call(api.POST('/api/v1/assessments/{id}/start-review', { params: { path: { id } } })),
    onSuccess: () => queries.invalidateQueries({ predicate: (query) => query.queryKey[1] === id }),
  });
  return (
    <div className="panel">
      <p>The vendor has submitted. Starting the review makes you its reviewer and opens draft findings for knockouts and weak answers.</p>
      <button type="button" className="primary" onClick={() => start.mutate()} disabled={start.isPending}>
        Start the review
      </button>
      <ProblemMessage error={start.error} />
    </div>
  );
}
