import { useState } from 'react';
import { formatNumber } from '../../ui/format';
import type { Score } from './queries';
import { answerInWords } from './words';

type Domain = Score['domains'][number];

const LINE_WORDS: Record<string, string> = {
  scored: 'scored',
  unanswered_required: 'required, unanswered: counts 0',
  not_applicable: 'N/A: left out',
  unanswered_optional: 'optional, unanswered: left out',
  hidden: 'not asked',
};

/** The explained score: a bar per domain; a domain opens to each question's points × weight. */
export function ScorePanel({ score }: { score: Score }) {
  const [open, setOpen] = useState<string | null>(null);
  const shown = score.domains.find((d) => d.id === open);
  return (
    <section aria-labelledby="score-heading" className="score-panel">
      <h2 id="score-heading">Score</h2>
      <p>
        Control score <strong>{score.controlScore === null ? 'none' : formatNumber(score.controlScore)}</strong>
        {score.band && ` (${score.band})`} · inherent tier <strong>{score.inherentTier}</strong> · residual risk <strong>{score.residualRisk}</strong>
      </p>
      {score.residualExplanation.length > 0 && (
        <ul className="hint">
          {score.residualExplanation.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      <ul className="domain-bars">
        {score.domains.map((domain) => (
          <li key={domain.id}>
            <button type="button" className="domain-bar" aria-expanded={open === domain.id} onClick={() => setOpen(open === domain.id ? null : domain.id)}>
              <span className="domain-name">
                {domain.title}: {domain.score === null ? 'not scored' : `${formatNumber(domain.score)} of 100`}
              </span>
              <span className="bar" aria-hidden="true">
                <span style={{ width: `${domain.score ?? 0}%` }} />
              </span>
            </button>
          </li>
        ))}
      </ul>
      {shown && <DomainExplanation domain={shown} />}
      <Knockouts score={score} />
    </section>
  );
}

function DomainExplanation({ domain }: { domain: Domain }) {
  return (
    <div className="table-scroll" tabIndex={0}>
      <table className="data-table">
        <caption>
          {domain.title} (weight {formatNumber(domain.weight)}): each question&apos;s points × weight
        </caption>
        <thead>
          <tr>
            <th scope="col">Question</th>
            <th scope="col">Answer</th>
            <th scope="col">Points</th>
            <th scope="col">Weight</th>
            <th scope="col">Points × weight</th>
          </tr>
        </thead>
        <tbody>
          {domain.explanation.map((line) => (
            <tr key={line.questionId}>
              <th scope="row">
                <a href={`#question-${line.questionId}`}>{line.questionId}</a>
              </th>
              <td>{line.status === 'scored' ? answerInWords(line.answer) : LINE_WORDS[line.status]}</td>
              <td>{line.points === null ? '—' : formatNumber(line.points)}</td>
              <td>{formatNumber(line.weight)}</td>
              <td>{line.contribution === null ? '—' : formatNumber(line.contribution)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Knockouts({ score }: { score: Score }) {
  return (
    <>
      <h3>Knockouts</h3>
      {score.knockouts.length === 0 ? (
        <p>No knockout answer.</p>
      ) : (
        <ul>
          {score.knockouts.map((k) => (
            <li key={`${k.questionId}:${k.finding}`}>
              <a href={`#question-${k.questionId}`}>{k.questionId}</a> ({k.severity}): {k.finding}
            </li>
          ))}
        </ul>
      )}
      <h3>Answered not applicable</h3>
      {score.notApplicable.length === 0 ? (
        <p>No answer is N/A.</p>
      ) : (
        <ul>
          {score.notApplicable.map((na) => (
            <li key={na.questionId}>
              <a href={`#question-${na.questionId}`}>{na.questionId}</a>: {na.reason ?? 'no reason given'}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
