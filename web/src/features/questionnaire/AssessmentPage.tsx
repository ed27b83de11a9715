import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { keys } from '../../api/keys';
import { formatDay } from '../../ui/format';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { ClarificationBanner } from '../clarification/ClarificationBanner';
import { RemediationItems } from '../remediation/RemediationItems';
import { NextSteps } from '../submit/NextSteps';
import { Questionnaire } from './Questionnaire';
import { OPEN_STATES } from './model';
import { STATUS_WORDS } from './status';

/** The vendor's assessment: open for answers, or read-only with what happens next. */
export function AssessmentPage({ id }: { id: string }) {
  const assessment = useQuery({ queryKey: keys.assessment(id), queryFn: () => call(api.GET('/api/v1/assessments/{id}', { params: { path: { id } } })) });
  const questions = useQuery({ queryKey: keys.questions(id), queryFn: () => call(api.GET('/api/v1/assessments/{id}/questions', { params: { path: { id } } })) });
  const evidence = useQuery({ queryKey: keys.evidence(id), queryFn: () => call(api.GET('/api/v1/assessments/{id}/evidence', { params: { path: { id } } })) });
  const error = assessment.error ?? questions.error ?? evidence.error;
  if (error) return <ProblemMessage error={error} title="This assessment cannot be shown" />;
  if (!assessment.data || !questions.data || !evidence.data) return <p role="status">Loading the questionnaire…</p>;
  const { status, dueDate, reopenedQuestionIds } = assessment.data;
  const open = OPEN_STATES.includes(status);
  return (
    <>
      <h1>Due-diligence questionnaire</h1>
      <p className="lede">
        <span>{STATUS_WORDS[status]}</span> · <span>due {formatDay(dueDate)}</span>
      </p>
      <NextSteps status={status} dueDate={dueDate} />
      {open && <ClarificationBanner assessmentId={id} />}
      <RemediationItems assessmentId={id} />
      <Questionnaire
        assessmentId={id}
        questions={questions.data.items}
        evidence={evidence.data.items}
        reopened={reopenedQuestionIds}
        open={open}
      />
    </>
  );
}
