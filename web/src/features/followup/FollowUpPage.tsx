import { useState } from 'react';
import { Link } from '../../app/router';
import { useMe } from '../../app/session';
import { formatDay } from '../../ui/format';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { MonthCalendar } from './MonthCalendar';
import { itemLink, KIND_WORDS, monthBounds, useOpenConditions, useSchedule, type ScheduleItem } from './schedule';

const monthTitle = (year: number, month: number) => new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month, 1)));

/** Follow-up: conditions, remediation items, risk acceptances and reassessments, as a list and a month. */
export function FollowUpPage() {
  const today = new Date();
  const [at, setAt] = useState({ year: today.getFullYear(), month: today.getMonth() });
  const month = useSchedule(monthBounds(at.year, at.month));
  const overdue = useSchedule();
  const move = (by: number) => setAt(({ year, month: m }) => ({ year: year + Math.floor((m + by) / 12), month: (((m + by) % 12) + 12) % 12 }));
  const title = monthTitle(at.year, at.month);
  return (
    <section className="follow-up">
      <h1>Follow-up</h1>
      <ProblemMessage error={month.error ?? overdue.error} />
      <h2>Overdue</h2>
      {overdue.data && <ItemList items={overdue.data.items.filter((i) => i.overdue)} empty="Nothing is overdue." label="Overdue items" />}
      <div className="month-nav">
        <button type="button" onClick={() => move(-1)}>
          Previous month
        </button>
        <h2 aria-live="polite">{title}</h2>
        <button type="button" onClick={() => move(1)}>
          Next month
        </button>
      </div>
      {month.isPending && <p role="status">Loading…</p>}
      {month.data && (
        <>
          <ItemList items={month.data.items} empty={`Nothing falls due in ${title}.`} label={`Due in ${title}`} />
          <MonthCalendar year={at.year} month={at.month} items={month.data.items} title={`Calendar of ${title}`} />
        </>
      )}
    </section>
  );
}

function ItemList({ items, empty, label }: { items: ScheduleItem[]; empty: string; label: string }) {
  const me = useMe();
  const conditions = useOpenConditions();
  const ownerOf = (item: ScheduleItem) => {
    if (item.kind !== 'condition') return null;
    const owner = conditions.data?.items.find((c) => c.id === item.id)?.ownerId;
    if (!owner) return 'no owner';
    return owner === me.data?.id ? 'owner: you' : 'owner: another staff member';
  };
  if (items.length === 0) return <p>{empty}</p>;
  return (
    <div className="table-scroll" tabIndex={0}>
      <table className="data-table">
        <caption>{label}</caption>
        <thead>
          <tr>
            <th scope="col">Due</th>
            <th scope="col">What</th>
            <th scope="col">AI system</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => {
            const to = itemLink(item);
            const owner = ownerOf(item);
            return (
              <tr key={`${item.kind}:${item.id}`} className={item.overdue ? 'overdue' : undefined}>
                <td>{formatDay(item.date)}</td>
                <th scope="row">
                  {KIND_WORDS[item.kind]}: {to ? <Link to={to}>{item.title}</Link> : item.title}
                </th>
                <td>{item.aiSystemName}</td>
                <td>
                  {item.status.replace(/_/g, ' ')}
                  {item.overdue && ', overdue'}
                  {owner && ` (${owner})`}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
