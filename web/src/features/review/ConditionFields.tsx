import type { Finding } from './queries';

export interface ConditionDraft {
  text: string;
  dueDate: string;
  owner: string;
  findingIds: string[];
}

interface Props {
  index: number;
  condition: ConditionDraft;
  owners: { id: string; label: string }[];
  findings: Finding[];
  onChange: (condition: ConditionDraft) => void;
  onRemove: () => void;
}

/** One condition of an approval: what, by when, who follows it up, and the findings it covers. */
export function ConditionFields({ index, condition, owners, findings, onChange, onRemove }: Props) {
  const n = index + 1;
  const id = (name: string) => `condition-${index}-${name}`;
  const toggle = (findingId: string, on: boolean) =>
    onChange({ ...condition, findingIds: on ? [...condition.findingIds, findingId] : condition.findingIds.filter((f) => f !== findingId) });
  return (
    <fieldset className="condition">
      <legend>Condition {n}</legend>
      <div className="field">
        <label htmlFor={id('text')}>What condition {n} requires</label>
        <textarea id={id('text')} rows={2} required minLength={3} value={condition.text} onChange={(event) => onChange({ ...condition, text: event.target.value })} />
      </div>
      <div className="condition-row">
        <div className="field">
          <label htmlFor={id('due')}>Condition {n} due</label>
          <input id={id('due')} type="date" required value={condition.dueDate} onChange={(event) => onChange({ ...condition, dueDate: event.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={id('owner')}>Condition {n} owner</label>
          <select id={id('owner')} value={condition.owner} onChange={(event) => onChange({ ...condition, owner: event.target.value })}>
            {owners.map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      {findings.length > 0 && (
        <fieldset className="options">
          <legend>Findings condition {n} covers</legend>
          {findings.map((f) => (
            <label key={f.id} className="option">
              <input type="checkbox" checked={condition.findingIds.includes(f.id)} onChange={(event) => toggle(f.id, event.target.checked)} />
              {f.title} ({f.severity})
            </label>
          ))}
        </fieldset>
      )}
      <button type="button" className="link-button" onClick={onRemove}>
        Remove condition {n}
      </button>
    </fieldset>
  );
}
