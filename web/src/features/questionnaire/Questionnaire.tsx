import { useMemo } from 'react';
import { ProgressBar } from '../../ui/ProgressBar';
import { SaveStatus } from '../../ui/SaveStatus';
import { EvidencePanel } from '../evidence/EvidencePanel';
import { SubmitPanel } from '../submit/SubmitPanel';
import { useAutosave } from './autosave';
import { byDomain, currentAnswer, gapsOf, progressOf, type Evidence, type Question } from './model';
import { QuestionCard } from './QuestionCard';

interface Props {
  assessmentId: string;
  questions: Question[];
  evidence: Evidence[];
  reopened: string[];
  open: boolean;
}

/** The questions by domain, saved as they are answered, with progress and the submit panel. */
export function Questionnaire({ assessmentId, questions: listed, evidence, reopened, open }: Props) {
  // Once the assessment leaves an open state nothing is editable, even before the questions are read again.
  const questions = useMemo(() => (open ? listed : listed.map((question) => ({ ...question, editable: false }))), [listed, open]);
  const autosave = useAutosave(assessmentId);
  const { drafts } = autosave;
  const progress = useMemo(() => progressOf(questions, drafts), [questions, drafts]);
  const gaps = useMemo(() => gapsOf(questions, drafts), [questions, drafts]);
  const suggested = questions.filter((q) => q.editable && q.answer?.suggested && !drafts[q.id]);
  const filesFor = (questionId: string) => evidence.filter((file) => file.questionIds.includes(questionId));
  return (
    <>
      <div className="toolbar">
        <ProgressBar label="Required questions answered" value={progress.answered} max={progress.required} />
        {progress.evidenceRequested > 0 && <ProgressBar label="Evidence attached" value={progress.evidenceAttached} max={progress.evidenceRequested} />}
        {open && <SaveStatus state={autosave.state} />}
      </div>
      {suggested.length > 0 && (
        <p className="carried">
          {suggested.length} answers are carried forward from your last assessment.{' '}
          <button type="button" onClick={() => suggested.forEach((q) => autosave.change(q.id, currentAnswer(q, drafts)))}>
            Confirm all carried-forward answers
          </button>
        </p>
      )}
      {byDomain(questions).map((domain) => (
        <section key={domain.id} className="domain" aria-labelledby={`domain-${domain.id}`}>
          <h2 id={`domain-${domain.id}`}>{domain.title}</h2>
          {domain.questions.map((question) => (
            <QuestionCard
              key={question.id}
              question={question}
              drafts={drafts}
              error={autosave.errors[question.id]}
              reopened={reopened.includes(question.id)}
              onChange={(draft) => autosave.change(question.id, draft)}
              evidence={
                question.type === 'evidence' || question.evidence || filesFor(question.id).length > 0 ? (
                  <EvidencePanel assessmentId={assessmentId} questionId={question.id} files={filesFor(question.id)} editable={question.editable} />
                ) : null
              }
            />
          ))}
        </section>
      ))}
      {open && <SubmitPanel assessmentId={assessmentId} gaps={gaps} resubmit={reopened.length > 0} beforeSubmit={autosave.flush} />}
    </>
  );
}
