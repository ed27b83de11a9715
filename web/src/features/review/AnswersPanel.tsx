import type { Schemas } from '../../api/client';
import { EvidencePreview } from './EvidencePreview';
import { answerInWords } from './words';

type Question = Schemas['QuestionView'];
type Evidence = Schemas['EvidenceResponse'];

interface Props {
  questions: Question[];
  evidence: Evidence[];
  /** Questions ticked for a clarification request; null when none can be asked now. */
  ticked: Set<string> | null;
  onTick: (questionId: string, on: boolean) => void;
}

/** Every answer beside the evidence offered for it, grouped by domain. */
export function AnswersPanel({ questions, evidence, ticked, onTick }: Props) {
  const domains = [...new Set(questions.map((q) => q.domainTitle))];
  return (
    <section aria-labelledby="answers-heading">
      <h2 id="answers-heading">Answers and evidence</h2>
      {ticked && <p className="hint">Tick the questions to ask the vendor about, then write the message under the answers.</p>}
      {domains.map((domain) => (
        <section key={domain} className="review-domain" aria-label={domain}>
          <h3>{domain}</h3>
          {questions
            .filter((q) => q.domainTitle === domain)
            .map((q) => (
              <AnswerRow key={q.id} question={q} files={evidence.filter((e) => e.questionIds.includes(q.id))} ticked={ticked} onTick={onTick} />
            ))}
        </section>
      ))}
    </section>
  );
}

function AnswerRow({ question, files, ticked, onTick }: { question: Question; files: Evidence[]; ticked: Set<string> | null; onTick: Props['onTick'] }) {
  const answer = question.answer;
  return (
    <article className="answer-row" id={`question-${question.id}`} aria-labelledby={`question-${question.id}-text`}>
      <div className="answer-side">
        <p className="question-meta">
          <span className="question-id">{question.id}</span>
          {question.required && <span className="badge">required</span>}
        </p>
        <p className="question-text" id={`question-${question.id}-text`}>
          {question.text}
        </p>
        {answer?.notApplicable ? (
          <p className="answer-value na">Not applicable: {answer.notApplicableReason}</p>
        ) : (
          <p className="answer-value">{answerInWords(answer?.value, question.options)}</p>
        )}
        {answer?.comment && <p className="hint">Comment: {answer.comment}</p>}
        {ticked && (
          <label className="option">
            <input type="checkbox" checked={ticked.has(question.id)} onChange={(event) => onTick(question.id, event.target.checked)} />
            Ask about {question.id}
          </label>
        )}
      </div>
      <div className="evidence-side">
        {files.length === 0 ? (
          <p className="hint">{question.evidence?.required ? 'Evidence expected, none given' : 'No evidence'}</p>
        ) : (
          <ul className="evidence-list" aria-label={`Evidence for ${question.id}`}>
            {files.map((file) => (
              <EvidencePreview key={file.id} file={file} />
            ))}
          </ul>
        )}
      </div>
    </article>
  );
}
