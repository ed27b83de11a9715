import type { ReactNode } from 'react';
import { AnswerControl } from './AnswerControl';
import { currentAnswer, questionAnchor, type Draft, type Drafts, type Question } from './model';

interface Props {
  question: Question;
  drafts: Drafts;
  error?: string;
  reopened: boolean;
  onChange: (draft: Draft) => void;
  evidence: ReactNode;
}

/** One question: its control, help, expected evidence, carried-forward state and save refusals. */
export function QuestionCard({ question, drafts, error, reopened, onChange, evidence }: Props) {
  const answer = currentAnswer(question, drafts);
  const suggested = !drafts[question.id] && question.answer?.suggested === true;
  const helpId = question.help ? `${questionAnchor(question.id)}-help` : undefined;
  const classes = ['question', reopened && 'reopened', !question.editable && 'locked', error && 'has-error'].filter(Boolean).join(' ');
  const Frame = question.type === 'evidence' ? 'fieldset' : 'div';
  return (
    <Frame className={classes} id={questionAnchor(question.id)}>
      {question.type === 'evidence' && <legend className="question-text">{question.text}</legend>}
      <p className="question-meta">
        <span className="question-id">{question.id}</span>
        {question.required ? <span>Required</span> : <span>Optional</span>}
        {reopened && <strong className="badge reopened-badge">Reopened by the reviewer</strong>}
        {!question.editable && <span className="badge">Locked</span>}
      </p>
      <AnswerControl question={question} answer={answer} disabled={!question.editable} describedBy={helpId} onChange={(value) => onChange({ value })} />
      {question.help && (
        <p className="hint" id={helpId}>
          {question.help}
        </p>
      )}
      {question.evidence && question.evidence.expected.length > 0 && (
        <div className="expected">
          <p>{question.evidence.required ? 'Evidence required:' : 'Evidence welcome:'}</p>
          <ul>
            {question.evidence.expected.map((item) => (
              <li key={item}>{item.replace(/_/g, ' ')}</li>
            ))}
          </ul>
        </div>
      )}
      {suggested && (
        <p className="carried">
          Carried forward from your last assessment.{' '}
          <button type="button" disabled={!question.editable} onClick={() => onChange(answer)} aria-label={`Confirm this answer to ${question.id}`}>
            Confirm this answer
          </button>
        </p>
      )}
      <NotApplicable question={question} answer={answer} onChange={onChange} />
      {evidence}
      {error && (
        <p className="field-error" role="alert">
          Not saved: {error}
        </p>
      )}
    </Frame>
  );
}

function NotApplicable({ question, answer, onChange }: { question: Question; answer: Draft; onChange: (draft: Draft) => void }) {
  const id = `${questionAnchor(question.id)}-na`;
  return (
    <div className="not-applicable">
      <label className="option">
        <input
          type="checkbox"
          disabled={!question.editable}
          checked={answer.notApplicable === true}
          onChange={(event) => onChange(event.target.checked ? { value: null, notApplicable: true, reason: answer.reason ?? '' } : { value: null })}
          aria-describedby={`${id}-label`}
        />
        <span id={`${id}-label`}>Does not apply to us ({question.id})</span>
      </label>
      {answer.notApplicable && (
        <div className="field">
          <label htmlFor={`${id}-reason`}>Why it does not apply ({question.id})</label>
          <textarea
            id={`${id}-reason`}
            rows={2}
            disabled={!question.editable}
            value={answer.reason ?? ''}
            onChange={(event) => onChange({ value: null, notApplicable: true, reason: event.target.value })}
          />
        </div>
      )}
    </div>
  );
}
